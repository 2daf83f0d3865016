package org.sistercities.stack.kafka;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.sistercities.stack.StackOptions;
import org.junit.jupiter.api.io.TempDir;
import org.sistercities.stack.process.PidFiles;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @TempDir
    Path directory;

    @Test
    void theBrokerJvmAnswersMetadataKeepsItsTopicsAcrossARestartAndAKillAndStopsCleanly() throws Exception {
        KafkaBroker broker = new KafkaBroker("127.0.0.1", StackOptions.freePort(), StackOptions.freePort(), directory.resolve("kafka"),
                directory.resolve("logs/kafka.log"), System.getProperty("java.class.path"),
                List.of("-XX:+UseSerialGC", "-Xmx256m"), Map.of(), new PidFiles(directory.resolve("run")));
        try {
            broker.start(Duration.ofSeconds(60));
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("partnership-events", 6, (short) 1))).all().get(20, TimeUnit.SECONDS);
            }
            long pid = broker.process().pid().orElseThrow();

            broker.close();

            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            broker.start(Duration.ofSeconds(60));
            try (Admin admin = admin(broker)) {
                Set<String> topics = admin.listTopics().names().get(20, TimeUnit.SECONDS);
                assertThat(topics).contains("partnership-events");
            }

            // The fault suite's crash: SIGKILL, no controlled shutdown; the same port and log afterwards.
            long killedPid = broker.process().pid().orElseThrow();
            broker.kill();

            assertThat(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            broker.start(Duration.ofSeconds(60));
            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).contains("partnership-events");
            }
        } finally {
            broker.close();
        }
        assertThat(directory.resolve("kafka/server.properties")).content().contains("process.roles=broker,controller");
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

}
