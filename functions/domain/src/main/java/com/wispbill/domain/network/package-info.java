/**
 * Where routers may be: address ranges, the rules for a router's address, and the pool billing allocates
 * tunnel addresses from. Plain Java (JDK {@code InetAddress} only, no DNS lookups here: names are
 * resolved through a {@link com.wispbill.domain.network.HostResolver} the caller passes).
 */
package com.wispbill.domain.network;
