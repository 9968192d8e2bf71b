/**
 * A RouterOS API simulator: simulated MikroTik routers that speak the API wire protocol (plain and
 * api-ssl), hold hotspot and PPP state, run on a deterministic clock and fail on demand.
 *
 * <p>Entry points: {@link com.wispbill.local.routeros.RouterOsSimulator} (one router, its ports and
 * test API), {@link com.wispbill.local.routeros.RouterState} (what the router knows),
 * {@link com.wispbill.local.routeros.Faults} (what goes wrong), {@link com.wispbill.local.routeros.SimulatorStats}
 * (what it has seen) and {@link com.wispbill.local.routeros.RouterOsSimulatorMain} (several routers for
 * manual runs). JDK only at run time.
 */
package com.wispbill.local.routeros;
