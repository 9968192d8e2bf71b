/**
 * The RouterOS script that prepares a router for WISPbill (WireGuard peer to the hub, a least-privilege
 * API user, an api-ssl certificate, the API service restricted to the hub): plain Java, so the reseller
 * API can serve it and the router driver's command line can print it.
 */
package com.wispbill.domain.routersetup;
