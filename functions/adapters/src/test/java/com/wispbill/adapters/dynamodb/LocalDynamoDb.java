package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.AwsClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * An in-memory DynamoDB Local for the integration tests, started once per test JVM on a free port.
 * Stands in for the embedded local stack (infra/local-stack) until that is ready; swap the start-up
 * here for it then.
 *
 * <p>The client is pointed at it only through the system property {@code aws.endpointUrlDynamoDb},
 * exactly how the local stack configures functions, so every test also proves that
 * {@link AwsClients} picks endpoints up from the SDK's own configuration.
 */
final class LocalDynamoDb {
    /** The SDK 2.x per-service endpoint property for DynamoDB (capital D in "Db"). */
    static final String ENDPOINT_PROPERTY = "aws.endpointUrlDynamoDb";

    private static DynamoDBProxyServer server;
    private static DynamoDbClient client;

    private LocalDynamoDb() {
    }

    /** The shared client, starting DynamoDB Local on first use. */
    static synchronized DynamoDbClient client() {
        if (client == null) {
            int port = freePort();
            try {
                server = ServerRunner.createServerFromCommandLineArgs(
                        new String[]{"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start DynamoDB Local on port " + port
                        + " (is sqlite4java.library.path set to the copied native libraries?)", e);
            }
            System.setProperty(ENDPOINT_PROPERTY, "http://localhost:" + port);
            client = AwsClients.newDynamoDbClient();
            Runtime.getRuntime().addShutdownHook(new Thread(LocalDynamoDb::stop, "dynamodb-local-stop"));
        }
        return client;
    }

    /** Fresh tables with unique names, so test classes never see each other's data. */
    static TableNames newTables() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TableNames names = new TableNames("EntityTable-" + suffix, "UsageTable-" + suffix);
        TableDefinitions.create(client(), names);
        return names;
    }

    private static synchronized void stop() {
        try {
            if (client != null) {
                client.close();
            }
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            // The JVM is exiting; nothing useful to do with a failed stop.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
