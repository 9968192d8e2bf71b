package com.wispbill.local;
