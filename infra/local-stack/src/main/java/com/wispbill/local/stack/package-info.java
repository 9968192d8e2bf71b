package com.wispbill.local.stack;
