package org.sistercities.testsupport;

import org.jboss.logging.Logger;

/**
 * Holds the JVM's one Kafka broker: called only through {@link JvmWide}, from {@link KafkaTestResource}.
 */
final class SharedKafka {

    private static final Logger LOG = Logger.getLogger(SharedKafka.class);
    // The broker logs every partition, segment and controller event at INFO, and clients log their whole
    // configuration: none of it helps to read a service's test output.
    private static final String[] CHATTY_CATEGORIES = {"kafka", "org.apache.kafka", "state.change.logger"};

    private static EmbeddedKafkaBroker broker;
    private static String externalBootstrapServers;

    private SharedKafka() {
    }

    static synchronized String bootstrapServers() {
        if (externalBootstrapServers != null) {
            return externalBootstrapServers;
        }
        String external = System.getenv(KafkaTestResource.BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            LOG.infof("Using the Kafka broker named by %s", KafkaTestResource.BOOTSTRAP_ENV);
            externalBootstrapServers = external;
            return external;
        }
        return embeddedBroker().bootstrapServers();
    }

    static synchronized boolean ownsBroker() {
        bootstrapServers();
        return externalBootstrapServers == null;
    }

    static synchronized void stop() {
        requireOwnBroker("stop");
        embeddedBroker().stop();
    }

    static synchronized void start() {
        requireOwnBroker("start");
        embeddedBroker().start();
    }

    private static void requireOwnBroker(String action) {
        if (!ownsBroker()) {
            throw new IllegalStateException("Cannot " + action + " the external broker named by " + KafkaTestResource.BOOTSTRAP_ENV);
        }
    }

    private static EmbeddedKafkaBroker embeddedBroker() {
        if (broker == null) {
            LogLevels.warnOnly(CHATTY_CATEGORIES);
            EmbeddedKafkaBroker created = new EmbeddedKafkaBroker();
            try {
                created.start();
            } catch (RuntimeException e) {
                created.shutdown();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(created::shutdown, "sci-kafka-shutdown"));
            broker = created;
        }
        return broker;
    }
}
