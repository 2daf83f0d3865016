package org.sistercities.stack.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.sistercities.stack.process.ChildProcess;
import org.sistercities.stack.process.PidFiles;
import org.sistercities.stack.process.Waits;

/**
 * One KRaft node (broker and controller combined) in a JVM of its own, run by Kafka's own main class
 * ({@code kafka.Kafka}) from the Maven Central jars on this module's class path: the same broker as the
 * tests' in-process one, but a separate process, like every other part of the local stack, so that its
 * heap and threads are not the launcher's and a crash of one does not take the other along.
 *
 * <p>The storage is formatted once (a fresh cluster id); afterwards the data directory is reused.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path directory;
    private final ChildProcess process;

    /**
     * @param directory   holds {@code server.properties}, the logging configuration and {@code data/} (the log)
     * @param classPath   the jars of kafka_2.13 and a logging back end
     * @param environment the broker JVM's environment
     */
    public KafkaBroker(String host, int port, int controllerPort, Path directory, Path logFile, String classPath,
                       List<String> jvmOptions, Map<String, String> environment, PidFiles pidFiles) {
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.directory = directory;
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"));
        command.add("-cp");
        command.add(classPath);
        command.add("kafka.Kafka");
        command.add(directory.resolve("server.properties").toString());
        this.process = new ChildProcess("kafka", command, environment, logFile, pidFiles);
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    public ChildProcess process() {
        return process;
    }

    /** Formats the storage on first use, starts the broker JVM and returns once it answers a metadata request. */
    public void start(Duration timeout) throws TimeoutException {
        writeConfiguration();
        if (!Files.exists(dataDirectory().resolve("meta.properties"))) {
            format();
        }
        process.start();
        awaitReady(timeout);
    }

    /**
     * Kills the broker JVM at once (SIGKILL), as a crash would: no controlled shutdown, the log directory is
     * recovered at the next {@link #start}, on the same port with the same data.
     */
    public void kill() {
        process.kill();
    }

    /** Stops the broker cleanly (SIGTERM: a controlled shutdown that releases the log directory's lock). */
    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }

    Map<String, String> serverProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDirectory().toString());
        // Services create their topics by producing; the design's partition count is 6.
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "6");
        // A single node holds only one replica of Kafka's internal topics.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // A lone consumer should not wait 3 s for others to join its group.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner's default 128 MB buffer is sized for servers, not a laptop.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        return props;
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    private void writeConfiguration() {
        StringBuilder properties = new StringBuilder("# Written by the local stack at each start; edit KafkaBroker instead.\n");
        serverProperties().forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        String logging = """
                # The broker's log goes to stdout, which the launcher appends to .data/logs/kafka.log.
                appender.console.type=Console
                appender.console.name=STDOUT
                appender.console.layout.type=PatternLayout
                appender.console.layout.pattern=%d{HH:mm:ss.SSS} %-5p [%c{1.}] %m%n
                # Warnings and errors, plus the broker's start and stop: INFO would write megabytes a day.
                rootLogger.level=WARN
                rootLogger.appenderRef.stdout.ref=STDOUT
                logger.server.name=kafka.server.KafkaRaftServer
                logger.server.level=INFO
                logger.broker.name=kafka.server.BrokerServer
                logger.broker.level=INFO
                """;
        try {
            Files.createDirectories(dataDirectory());
            Files.writeString(directory.resolve("server.properties"), properties, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("log4j2.properties"), logging, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the Kafka configuration into " + directory, e);
        }
    }

    private void format() {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dataDirectory().toString())
                    .addDirectory(dataDirectory().toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + dataDirectory(), e);
        }
    }

    private void awaitReady(Duration timeout) throws TimeoutException {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                // Before the broker listens, the client would log a warning per attempt into the launcher's log.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        try (Admin admin = Admin.create(config)) {
            Waits.until("Kafka on " + bootstrapServers() + " answers a metadata request", timeout,
                    () -> !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty(),
                    () -> !process.isAlive());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The Kafka broker exited with " + process.exitCode().map(String::valueOf).orElse("?")
                    + "; last lines of " + process.logFile() + ":" + System.lineSeparator() + process.logTail(20), e);
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
