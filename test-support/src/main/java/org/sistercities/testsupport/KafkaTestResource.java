package org.sistercities.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker for tests: one KRaft node per JVM, in-process, on free loopback ports, shared by
 * every test class and test profile and stopped when the JVM exits. If the environment variable
 * {@value #BOOTSTRAP_ENV} names a broker, that broker is used instead.
 *
 * <p>{@link #start()} returns {@code kafka.bootstrap.servers} (the key Quarkus' Kafka extensions read)
 * and {@code sci.kafka.bootstrap-servers}. Topics are created on first use with one partition; use
 * {@link #createTopic(String, int)} where a test needs more.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOOTSTRAP_ENV = "SCI_TEST_KAFKA_BOOTSTRAP_SERVERS";

    @Override
    public Map<String, String> start() {
        String bootstrapServers = bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "sci.kafka.bootstrap-servers", bootstrapServers);
    }

    /** Leaves the broker running: the next test class or profile reuses it; the JVM's exit stops it. */
    @Override
    public void stop() {
    }

    /** {@code host:port} of the shared broker, started if needed. */
    public static String bootstrapServers() {
        return (String) JvmWide.call(SharedKafka.class, "bootstrapServers");
    }

    /** Whether the broker is the in-process one, which {@link #stopBroker()} can stop. */
    public static boolean isEmbedded() {
        return (Boolean) JvmWide.call(SharedKafka.class, "ownsBroker");
    }

    /**
     * Stops the in-process broker, for tests of what a service does while Kafka is down. Clients keep
     * their configuration and retry; {@link #startBroker()} brings the broker back on the same address
     * with every topic and record it had.
     *
     * @throws IllegalStateException with an external broker, which this class cannot stop: a test that
     *                               believed it had would pass without testing anything
     */
    public static void stopBroker() {
        JvmWide.call(SharedKafka.class, "stop");
    }

    /** Starts the broker again after {@link #stopBroker()} and returns once it answers metadata requests. */
    public static void startBroker() {
        JvmWide.call(SharedKafka.class, "start");
    }

    /** Creates {@code topic} with {@code partitions} partitions; an existing topic is left as it is. */
    public static void createTopic(String topic, int partitions) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + topic, e);
        }
    }
}
