package com.wispbill.local.routeros;
