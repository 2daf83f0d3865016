package org.sistercities.notifications.consumer;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.sistercities.testsupport.KafkaTestResource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class EventConsumerConcurrencyTest {

    @Inject
    EventConsumer consumer;
    @Inject
    ConsumerConfig config;

    @Test
    void theInstancesConsumersShareEverySubscribedPartitionWithoutOverlap() throws Exception {
        Set<TopicPartition> subscribed = partitionsOf(config.topics());
        assertThat(config.concurrency()).isGreaterThan(1);

        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            List<Set<TopicPartition>> assignments = consumer.assignments();
            assertThat(assignments).hasSize(config.concurrency());
            List<TopicPartition> all = new ArrayList<>();
            assignments.forEach(all::addAll);
            assertThat(all).doesNotHaveDuplicates();
            assertThat(new HashSet<>(all)).isEqualTo(subscribed);
        });
    }

    private static Set<TopicPartition> partitionsOf(List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()))) {
            Set<TopicPartition> partitions = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                partitions.clear();
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
                return partitions.size() >= topics.size();
            });
            return partitions;
        }
    }
}
