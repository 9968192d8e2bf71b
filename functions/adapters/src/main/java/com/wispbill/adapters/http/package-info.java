/**
 * The one HTTP layer of the reseller API and the hotspot portal: requests and responses independent of
 * API Gateway's event types ({@link com.wispbill.adapters.http.HttpEvents} converts), JSON bodies read
 * field by field ({@link com.wispbill.adapters.http.JsonInput}) and failures written as RFC 9457 problem
 * documents ({@link com.wispbill.adapters.http.Problems}). Services never see these types: routes and
 * handlers turn requests into typed commands.
 */
package com.wispbill.adapters.http;
