package com.wispbill.domain;
