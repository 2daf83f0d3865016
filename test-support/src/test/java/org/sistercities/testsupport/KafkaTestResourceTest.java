package org.sistercities.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaTestResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aRecordWithHeadersTravelsThroughTheBroker() throws Exception {
        Map<String, String> config = new KafkaTestResource().start();
        assertEquals(KafkaTestResource.bootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertEquals(KafkaTestResource.bootstrapServers(), config.get("sci.kafka.bootstrap-servers"));
        KafkaTestResource.createTopic("greetings", 3);

        try (TopicReader<String> reader = TopicReader.fromNow("greetings");
             KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>("greetings", "key-1", "{\"hello\":\"world\"}");
            record.headers().add("ce_type", "org.sistercities.test.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(10, TimeUnit.SECONDS);

            ConsumerRecord<String, String> received = reader.await(1, WAIT).get(0);

            assertEquals("key-1", received.key());
            assertEquals("{\"hello\":\"world\"}", received.value());
            assertEquals("org.sistercities.test.v1", TopicReader.header(received, "ce_type"));
            assertEquals(Map.of("ce_type", "org.sistercities.test.v1"), TopicReader.headers(received));
        }
    }

    @Test
    void aBrokerStoppedAndStartedAgainKeepsItsAddressItsRecordsAndItsClients() throws Exception {
        String bootstrapServers = KafkaTestResource.bootstrapServers();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("outage", "k", "before")).get(10, TimeUnit.SECONDS);

            KafkaTestResource.stopBroker();
            try {
                assertThrows(ConnectException.class, () -> connect(bootstrapServers), "the broker's port is closed");
            } finally {
                KafkaTestResource.startBroker();
            }

            producer.send(new ProducerRecord<>("outage", "k", "after")).get(30, TimeUnit.SECONDS);
        }

        assertEquals(bootstrapServers, KafkaTestResource.bootstrapServers());
        try (TopicReader<String> reader = TopicReader.fromBeginning("outage")) {
            List<String> values = reader.await(2, WAIT).stream().map(ConsumerRecord::value).toList();
            assertEquals(List.of("before", "after"), values);
            assertEquals(2, reader.readFor(Duration.ofMillis(300)).size());
        }
    }

    private static void connect(String hostAndPort) throws IOException {
        String[] parts = hostAndPort.split(":");
        try (Socket socket = new Socket(parts[0], Integer.parseInt(parts[1]))) {
            socket.getInputStream();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }
}
