package org.sistercities.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Runs this instance's {@link OutboxRelay} on a thread of its own for the application's lifetime. */
@ApplicationScoped
public class OutboxRelayService {

    private static final Logger LOG = Logger.getLogger(OutboxRelayService.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OutboxConfig config;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private Producer<String, byte[]> producer;
    private OutboxRelay relay;
    private Thread thread;

    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled on this instance");
            return;
        }
        producer = new KafkaProducer<>(producerConfig(bootstrapServers, config), new StringSerializer(), new ByteArraySerializer());
        relay = new OutboxRelay(dataSource, producer, config, meters);
        thread = new Thread(relay, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Outbox relay started, publishing as %s to %s", config.source(), bootstrapServers);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (relay != null) {
            relay.stop();
            thread.join(config.deliveryTimeout().toMillis());
            producer.close();
        }
    }

    /** The producer settings that make a re-send harmless and keep per-partition order: see OutboxRelay. */
    public static Map<String, Object> producerConfig(String bootstrapServers, OutboxConfig config) {
        int deliveryTimeoutMs = (int) config.deliveryTimeout().toMillis();
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(deliveryTimeoutMs, 10_000));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeoutMs);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().replace('/', '-'));
        return settings;
    }

    @Scheduled(every = "${sci.outbox.cleanup-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deletePublishedRowsPastRetention() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE published_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(config.retention())));
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                LOG.debugf("Deleted %d published outbox rows past retention", deleted);
            }
        }
    }
}
