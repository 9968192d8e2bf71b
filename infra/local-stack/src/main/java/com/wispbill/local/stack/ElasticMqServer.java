package com.wispbill.local.stack;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.jdk.javaapi.FutureConverters;

/**
 * ElasticMQ (SQS-compatible) in this JVM on an ephemeral loopback port.
 *
 * <p>Queue URLs and ARNs must look like the ones code under test sees through the edge endpoint,
 * so ElasticMQ is told the edge's address (queue URLs are {@code http://127.0.0.1:EDGE/ACCOUNT/NAME})
 * and the stack's region and account (ARNs {@code arn:aws:sqs:REGION:ACCOUNT:NAME}).
 *
 * <p>We pass our own actor system so that its threads are daemons (a forgotten {@code close()}
 * cannot keep a JVM alive) and so that Pekko does not log at DEBUG, as ElasticMQ's bundled
 * {@code application.conf} asks, whenever the consumer's classpath has an SLF4J binding.
 */
final class ElasticMqServer implements AutoCloseable {

    private final ActorSystem actorSystem;
    private final Http.ServerBinding binding;

    private ElasticMqServer(ActorSystem actorSystem, Http.ServerBinding binding) {
        this.actorSystem = actorSystem;
        this.binding = binding;
    }

    static ElasticMqServer start(int edgePort, String region, String accountId) {
        ClassLoader loader = ElasticMqServer.class.getClassLoader();
        Config config = ConfigFactory.parseString("""
                pekko.daemonic = on
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.log-dead-letters = off
                pekko.jvm-shutdown-hooks = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """).withFallback(ConfigFactory.load(loader));
        ActorSystem actorSystem = ActorSystem.create("elasticmq", config, loader);
        try {
            SQSRestServer server = SQSRestServerBuilder
                    .withActorSystem(actorSystem)
                    .withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", edgePort, ""))
                    .withAWSRegion(region)
                    .withAWSAccountId(accountId)
                    .start();
            return new ElasticMqServer(actorSystem, server.waitUntilStarted());
        } catch (RuntimeException e) {
            actorSystem.terminate();
            throw new StackException("ElasticMQ failed to start: " + e, e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    int port() {
        return binding.localAddress().getPort();
    }

    /** ElasticMQ registers a JMX bean per JVM and never removes it; it would pin this stopped server. */
    private static void unregisterMetricsBean() {
        try {
            MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("org.elasticmq:name=Queues");
            if (beans.isRegistered(name)) {
                beans.unregisterMBean(name);
            }
        } catch (JMException e) {
            StackLog.warn("Could not unregister ElasticMQ's metrics bean: " + e);
        }
    }

    /**
     * Stops at once. ElasticMQ's own {@code stopAndWait()} lets in-flight requests finish, and a
     * long poll (up to 20 s) counts as one; the pollers are gone by now, so the binding is
     * terminated with a short hard deadline instead.
     */
    @Override
    public void close() {
        try {
            FutureConverters.asJava(binding.terminate(scala.concurrent.duration.Duration.create(250, TimeUnit.MILLISECONDS)))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            StackLog.warn("ElasticMQ's HTTP binding did not terminate cleanly: " + e);
        } finally {
            unregisterMetricsBean();
            actorSystem.terminate();
            try {
                actorSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new StackException("ElasticMQ's actor system did not terminate: " + e, e);
            }
        }
    }
}
