package org.sistercities.notifications.consumer;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.sistercities.events.Topics;
import org.sistercities.notifications.support.Events;
import org.sistercities.testsupport.KafkaTestResource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /** Commits are asynchronous and spaced out while records keep coming; once they stop, the group is at the end. */
    @Test
    void onceTheEventsStopTheGroupsCommittedOffsetsReachTheEndOfEachPartition() throws Exception {
        for (int i = 0; i < 5; i++) {
            Events.Partnership partnership = Events.Partnership.in("XS");
            Events.publish(partnership.change("SUSPENDED", "ACTIVE", "POLITICAL", 3));
        }
        Set<TopicPartition> partitions = partitionsOf(List.of(Topics.PARTNERSHIP_EVENTS));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()))) {
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
                    .all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(5);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                ends.forEach((partition, end) -> {
                    if (end > 0) {
                        assertThat(committed.get(partition)).as("committed offset of %s", partition).isNotNull()
                                .extracting(OffsetAndMetadata::offset).isEqualTo(end);
                    }
                });
            });
        }
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
