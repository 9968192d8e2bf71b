/** Payment outcomes beyond the payment itself: what a payment granted, what needs review, hotspot portals. */
package com.wispbill.domain.payment;
