package org.sistercities.notifications.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sistercities.events.Topics;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parks a record on {@code <topic>.dlq}: the original key, value and headers, plus the error and where the
 * record came from, so it can be inspected and replayed.
 */
final class DeadLetters implements AutoCloseable {

    static final String ERROR = "dlq-error";
    static final String ORIGINAL_TOPIC = "dlq-original-topic";
    static final String ORIGINAL_PARTITION = "dlq-original-partition";
    static final String ORIGINAL_OFFSET = "dlq-original-offset";
    static final String CONSUMER_GROUP = "dlq-consumer-group";

    private final KafkaProducer<String, byte[]> producer;
    private final String groupId;

    DeadLetters(String bootstrapServers, String groupId) {
        this.groupId = groupId;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, groupId + "-dlq",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Returns once the broker has the record; throws (and the record is tried again) otherwise. */
    void park(ConsumerRecord<String, byte[]> record, String error) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(ERROR, utf8(error.length() > 4000 ? error.substring(0, 4000) : error));
        headers.add(ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(CONSUMER_GROUP, utf8(groupId));
        try {
            producer.send(new ProducerRecord<>(Topics.dlq(record.topic()), null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while parking a record", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not park a record on the dead-letter topic", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
