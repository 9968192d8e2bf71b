package com.wispbill.local.stack;

import java.lang.reflect.Field;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local in this JVM: in memory, one shared database for all credentials and regions,
 * telemetry off, listening on an ephemeral loopback port.
 *
 * <p>DynamoDB Local's command line only takes a fixed port (1-65535) and binds every interface.
 * Picking a "free" port first races with other processes, and its {@code start()} swallows a bind
 * failure. So the Jetty connector is re-pointed at 127.0.0.1:0 before starting and started with
 * {@code safeStart()}, which reports failures; the actual port is read back from the connector.
 */
final class DynamoDbLocalServer implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final ServerConnector connector;

    private DynamoDbLocalServer(DynamoDBProxyServer server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static DynamoDbLocalServer start() {
        Sqlite4JavaNatives.ensureConfigured();
        try {
            // -port is required syntax only; the connector is re-bound below.
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", "8000"});
            Field jettyField = DynamoDBProxyServer.class.getDeclaredField("server");
            jettyField.setAccessible(true);
            Server jetty = (Server) jettyField.get(server);
            if (jetty.getConnectors().length != 1 || !(jetty.getConnectors()[0] instanceof ServerConnector connector)) {
                throw new StackException("Unexpected DynamoDB Local server layout: " + jetty.getConnectors().length + " connectors");
            }
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.safeStart();
            return new DynamoDbLocalServer(server, connector);
        } catch (StackException e) {
            throw e;
        } catch (Exception e) {
            throw new StackException("DynamoDB Local failed to start: " + e, e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new StackException("DynamoDB Local failed to stop: " + e, e);
        }
    }
}
