/** SMS texts (built-in templates per language, reseller overrides, rendering) and SMS settings. */
package com.wispbill.domain.notify;
