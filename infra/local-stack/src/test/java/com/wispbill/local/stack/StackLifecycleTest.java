package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Starting, refusing to start, and closing: each test runs its own stack. */
class StackLifecycleTest {

    private static Path template(String name) throws Exception {
        return Path.of(StackLifecycleTest.class.getResource("/" + name).toURI());
    }

    @Test
    void closeFreesEveryPortEndsTheStacksThreadsAndRestoresSystemProperties() throws Exception {
        Set<Thread> threadsBefore = liveNonDaemonThreads();
        String endpointBefore = System.getProperty("aws.endpointUrl");

        EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().template(template("minimal-template.yaml")));
        List<Integer> ports;
        try {
            System.out.println("startup took " + stack.startupTime().toMillis() + " ms");
            ports = stack.listeningPorts();
            assertEquals(4, ports.size());
            for (int port : ports) {
                assertTrue(accepts(port), "port " + port + " should be listening");
            }
            assertEquals("Table", System.getProperty("wispbill.env.TABLE"));
            try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                assertEquals(List.of("Table"), dynamoDb.listTables().tableNames());
            }
        } finally {
            // Pollers sit in 20 s long polls; closing interrupts them (the thread check below shows none is left).
            stack.close();
        }

        for (int port : ports) {
            try (ServerSocket reuse = new ServerSocket()) {
                reuse.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
        Await.until("the stack's non-daemon threads to end", () -> liveNonDaemonThreads().stream()
                .noneMatch(t -> !threadsBefore.contains(t)));
        assertEquals(endpointBefore, System.getProperty("aws.endpointUrl"));
        assertNull(System.getProperty("wispbill.env.TABLE"));
        stack.close(); // idempotent
    }

    @Test
    void aLaterStackReusesTheEdgePortSoClientsBuiltEarlierStillReachIt() throws Exception {
        EmbeddedStack.Options options = EmbeddedStack.options().template(template("minimal-template.yaml"))
                .sqsPollingEnabled(false).schedulesEnabled(false);
        int firstPort;
        DynamoDbClient longLived;
        try (EmbeddedStack first = EmbeddedStack.start(options)) {
            firstPort = first.edgePort();
            longLived = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            assertEquals(List.of("Table"), longLived.listTables().tableNames());
        }
        try (EmbeddedStack second = EmbeddedStack.start(options); longLived) {
            assertEquals(firstPort, second.edgePort());
            assertEquals(List.of("Table"), longLived.listTables().tableNames(), "a client kept from the first stack");
        }
    }

    @Test
    void edgeBindsTheRequestedPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().template(template("minimal-template.yaml"))
                .edgePort(port).sqsPollingEnabled(false).schedulesEnabled(false))) {
            assertEquals(URI.create("http://127.0.0.1:" + port), stack.endpoint());
            assertEquals("http://127.0.0.1:" + port, System.getProperty("aws.endpointUrl"));
        }
    }

    @Test
    void refusesFunctionsThatGiveOneVariableDifferentValuesUnlessOverridden() throws Exception {
        StackException conflict = assertThrows(StackException.class,
                () -> EmbeddedStack.start(EmbeddedStack.options().template(template("conflicting-env-template.yaml"))));
        assertTrue(conflict.getMessage().contains("SERVICE_NAME: FirstFunction sets 'first', SecondFunction sets 'second'"),
                conflict.getMessage());
        assertNull(System.getProperty("aws.endpointUrl"), "a failed start leaves nothing behind");

        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().template(template("conflicting-env-template.yaml"))
                .environment("SERVICE_NAME", "wispbill"))) {
            assertEquals("wispbill", stack.environment().get("SERVICE_NAME"));
            assertEquals("wispbill", System.getProperty("wispbill.env.SERVICE_NAME"));
            assertEquals("shared", System.getProperty("wispbill.env.TABLE"));
        }
    }

    @Test
    void onlyOneStackRunsPerJvm() throws Exception {
        try (EmbeddedStack first = EmbeddedStack.start(EmbeddedStack.options().template(template("minimal-template.yaml"))
                .sqsPollingEnabled(false).schedulesEnabled(false))) {
            StackException second = assertThrows(StackException.class,
                    () -> EmbeddedStack.start(EmbeddedStack.options().template(template("minimal-template.yaml"))));
            assertTrue(second.getMessage().contains("Another EmbeddedStack is running")
                    && second.getMessage().contains(first.endpoint().toString()), second.getMessage());
            assertEquals(first.endpoint().toString(), System.getProperty("aws.endpointUrl"), "the running stack is untouched");
        }
    }

    @Test
    void aHandlerClassMissingFromTheClasspathFailsClearlyByDefault() throws Exception {
        StackException missing = assertThrows(StackException.class,
                () -> EmbeddedStack.start(EmbeddedStack.options().template(template("fixture-template.yaml"))));
        assertTrue(missing.getMessage().contains("PaymentWebhookFunction")
                && missing.getMessage().contains("com.wispbill.payment.PaymentWebhookHandler"), missing.getMessage());

        StackException typo = assertThrows(StackException.class,
                () -> EmbeddedStack.start(EmbeddedStack.options().template(template("minimal-template.yaml"))
                        .handler("Fucntion", (com.amazonaws.services.lambda.runtime.RequestHandler<Object, Object>) (e, c) -> null)));
        assertTrue(typo.getMessage().contains("handler(Fucntion)"), typo.getMessage());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }
}
