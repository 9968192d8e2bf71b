package com.wispbill.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.domain.network.IpRange;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.router.RouterCommandHandler;
import com.wispbill.router.RouterDriverWiring;
import com.wispbill.router.RouterPollWorkerHandler;
import com.wispbill.router.routeros.RouterOsConnector;
import com.wispbill.router.routeros.RouterOsEndpoint;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The WireGuard hub as the local run has it. A router registered without a host (the console's wizard, the API) is
 * reached at the tunnel address billing allocated it, through the hub; there is no VPN here, so the router driver and
 * the poll workers are given a connector that sends every address of the tunnel network to one spare simulator, as if
 * that router had run its setup script. Routers registered with their own host (the demo's) are reached there as
 * before. The spare speaks the plain API only, so a router onboarded onto it has TLS off and the plain API allowed.
 */
final class LocalHub {
    private final RouterOsSimulator spare;
    private final AtomicReference<IpRange> tunnelNetwork = new AtomicReference<>();

    LocalHub(RouterOsSimulator spare) {
        this.spare = spare;
    }

    /** The router waiting to be onboarded: it answers at every tunnel address. */
    RouterOsSimulator spare() {
        return spare;
    }

    /** The network billing allocates tunnel addresses from ({@code ROUTER_TUNNEL_CIDR}, known once the stack has started). */
    void tunnelNetwork(String cidr) {
        tunnelNetwork.set(IpRange.parse(cidr));
    }

    /** The router command consumer as the template wires it, behind this hub. */
    RequestHandler<SQSEvent, SQSBatchResponse> routerDriver() {
        return lazily(wiring -> new RouterCommandHandler(wiring.commandProcessorFromEnvironment()));
    }

    /** The poll worker as the template wires it, behind this hub. */
    RequestHandler<SQSEvent, SQSBatchResponse> pollWorker() {
        return lazily(wiring -> new RouterPollWorkerHandler(wiring.routers(), wiring.pollerFromEnvironment(), wiring.clock(),
                wiring.timeNeededPerRouter(), EmfMetricLines.fromEnvironment()));
    }

    /** Built at the first invocation, when the function's environment is in place. */
    private RequestHandler<SQSEvent, SQSBatchResponse> lazily(
            Function<RouterDriverWiring, RequestHandler<SQSEvent, SQSBatchResponse>> build) {
        return new RequestHandler<>() {
            private RequestHandler<SQSEvent, SQSBatchResponse> handler;

            @Override
            public synchronized SQSBatchResponse handleRequest(SQSEvent event, Context context) {
                if (handler == null) {
                    handler = build.apply(behindTheHub(RouterDriverWiring.fromEnvironment()));
                }
                return handler.handleRequest(event, context);
            }
        };
    }

    private RouterDriverWiring behindTheHub(RouterDriverWiring w) {
        RouterOsConnector real = w.connector();
        RouterOsConnector hub = (endpoint, credentials) -> real.open(route(endpoint), credentials);
        return w.withConnector(hub);
    }

    private RouterOsEndpoint route(RouterOsEndpoint endpoint) {
        IpRange network = tunnelNetwork.get();
        boolean tunnelled = network != null && IpRange.literal(endpoint.host()).filter(network::contains).isPresent();
        return tunnelled
                ? new RouterOsEndpoint(endpoint.routerId(), spare.host(), spare.port(), endpoint.transport())
                : endpoint;
    }
}
