package com.wispbill.adapters;
