package org.sistercities.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the launcher can be told. {@link #fromEnvironment} is the command's way (defaults on the
 * ports of design.md, data under {@code .data}); {@link #isolated} is the end-to-end tests' way (free ports,
 * a data directory of their own), so that a test run and a developer's stack can share a machine.
 *
 * @param repositoryDirectory where the services' {@code <module>/target/quarkus-app/quarkus-run.jar} are
 * @param database            a configured PostgreSQL server, else an embedded one on {@code postgresPort}
 * @param kafkaBootstrapServers a configured Kafka cluster, else a broker JVM on {@code kafkaPort}
 * @param adminPassword       the gateway's first admin password; generated at first start when absent
 * @param serviceJvmOptions   options for each service JVM (heap, GC)
 */
public record StackOptions(
        Path repositoryDirectory,
        Path dataDirectory,
        Optional<ExternalDatabase> database,
        int postgresPort,
        Optional<String> kafkaBootstrapServers,
        int kafkaPort,
        int kafkaControllerPort,
        int smtpPort,
        int mailPagePort,
        Map<PlatformService, Integer> servicePorts,
        Optional<String> adminPassword,
        boolean demoData,
        List<String> serviceJvmOptions,
        Duration startTimeout) {

    /** The loopback address every embedded part binds to: nothing of the local stack is reachable from outside. */
    public static final String HOST = "127.0.0.1";

    public static final String DATA_DIR = "SCI_STACK_DATA_DIR";
    public static final String DB_JDBC_URL = "SCI_DB_JDBC_URL";
    public static final String DB_USER = "SCI_DB_USER";
    public static final String DB_PASSWORD = "SCI_DB_PASSWORD";
    public static final String POSTGRES_PORT = "SCI_STACK_POSTGRES_PORT";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "SCI_KAFKA_BOOTSTRAP_SERVERS";
    public static final String KAFKA_PORT = "SCI_STACK_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT = "SCI_STACK_KAFKA_CONTROLLER_PORT";
    public static final String SMTP_PORT = "SCI_STACK_SMTP_PORT";
    public static final String MAIL_PORT = "SCI_STACK_MAIL_PORT";
    public static final String ADMIN_PASSWORD = "SCI_STACK_ADMIN_PASSWORD";
    public static final String DEMO_DATA = "SCI_STACK_DEMO_DATA";
    public static final String JAVA_OPTS = "SCI_STACK_JAVA_OPTS";
    public static final String START_TIMEOUT = "SCI_STACK_START_TIMEOUT";

    /** Serial GC and a capped heap: four service JVMs, a broker and PostgreSQL share a laptop. */
    private static final String DEFAULT_JAVA_OPTS = "-XX:+UseSerialGC -Xms32m -Xmx384m -XX:MaxMetaspaceSize=192m";

    /**
     * The default options of each service JVM. A method, not a public constant: javac copies a constant's value into
     * the classes that read it, and a benchmark built before a change of the defaults would go on using the old ones.
     */
    public static List<String> defaultJavaOptions() {
        return Arrays.asList(DEFAULT_JAVA_OPTS.split(" "));
    }

    public record ExternalDatabase(String jdbcUrl, String user, String password) {
    }

    public StackOptions {
        servicePorts = Map.copyOf(servicePorts);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        for (PlatformService service : PlatformService.values()) {
            if (!servicePorts.containsKey(service)) {
                throw new IllegalArgumentException("No port for " + service.module());
            }
        }
    }

    /** The environment variable that sets a service's port, e.g. {@code SCI_STACK_GATEWAY_PORT}. */
    public static String portVariable(PlatformService service) {
        return "SCI_STACK_" + service.name() + "_PORT";
    }

    /**
     * Reads the launcher's options from environment variables. Every launcher variable starts with
     * {@code SCI_STACK_}, {@code SCI_DB_} or {@code SCI_KAFKA_}: none of them is a service's configuration key,
     * and {@link #isLauncherVariable} keeps them out of the services' environments.
     */
    public static StackOptions fromEnvironment(Map<String, String> environment, Path repositoryDirectory) {
        Function<String, Optional<String>> get = name -> Optional.ofNullable(environment.get(name))
                .map(String::trim).filter(value -> !value.isEmpty());
        Optional<ExternalDatabase> database = get.apply(DB_JDBC_URL).map(url -> new ExternalDatabase(url,
                get.apply(DB_USER).orElse("postgres"), get.apply(DB_PASSWORD).orElse("")));
        Map<PlatformService, Integer> servicePorts = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            servicePorts.put(service, port(get, portVariable(service), service.defaultPort()));
        }
        Path dataDirectory = get.apply(DATA_DIR).map(Path::of).map(repositoryDirectory::resolve)
                .orElse(repositoryDirectory.resolve(".data"));
        return new StackOptions(
                repositoryDirectory.toAbsolutePath().normalize(),
                dataDirectory.toAbsolutePath().normalize(),
                database,
                port(get, POSTGRES_PORT, 5432),
                get.apply(KAFKA_BOOTSTRAP_SERVERS),
                port(get, KAFKA_PORT, 9092),
                port(get, KAFKA_CONTROLLER_PORT, 9093),
                port(get, SMTP_PORT, 2525),
                port(get, MAIL_PORT, 8025),
                servicePorts,
                get.apply(ADMIN_PASSWORD),
                get.apply(DEMO_DATA).map(value -> !value.equalsIgnoreCase("false")).orElse(true),
                Arrays.asList(get.apply(JAVA_OPTS).orElse(DEFAULT_JAVA_OPTS).split("\\s+")),
                get.apply(START_TIMEOUT).map(StackOptions::duration).orElse(Duration.ofMinutes(3)));
    }

    /**
     * Options for a stack that shares the machine with others: every port free, the data in
     * {@code dataDirectory}, embedded PostgreSQL and Kafka, and no demo data.
     */
    public static StackOptions isolated(Path repositoryDirectory, Path dataDirectory) {
        Iterator<Integer> ports = freePorts(PlatformService.values().length + 5).iterator();
        Map<PlatformService, Integer> servicePorts = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            servicePorts.put(service, ports.next());
        }
        return new StackOptions(repositoryDirectory.toAbsolutePath().normalize(), dataDirectory.toAbsolutePath().normalize(),
                Optional.empty(), ports.next(), Optional.empty(), ports.next(), ports.next(), ports.next(), ports.next(),
                servicePorts, Optional.empty(), false, defaultJavaOptions(), Duration.ofMinutes(3));
    }

    public StackOptions withDemoData(boolean load) {
        return new StackOptions(repositoryDirectory, dataDirectory, database, postgresPort, kafkaBootstrapServers, kafkaPort,
                kafkaControllerPort, smtpPort, mailPagePort, servicePorts, adminPassword, load, serviceJvmOptions, startTimeout);
    }

    /** The same stack with these options for every service JVM (a benchmark adds settings or a JFR recording). */
    public StackOptions withServiceJvmOptions(List<String> options) {
        return new StackOptions(repositoryDirectory, dataDirectory, database, postgresPort, kafkaBootstrapServers, kafkaPort,
                kafkaControllerPort, smtpPort, mailPagePort, servicePorts, adminPassword, demoData, options, startTimeout);
    }

    public static boolean isLauncherVariable(String name) {
        return name.startsWith("SCI_STACK_") || name.startsWith("SCI_DB_") || name.startsWith("SCI_KAFKA_");
    }

    public int port(PlatformService service) {
        return servicePorts.get(service);
    }

    public String serviceUrl(PlatformService service) {
        return "http://" + HOST + ":" + port(service);
    }

    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    public Path serviceJar(PlatformService service) {
        return repositoryDirectory.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int port(Function<String, Optional<String>> get, String name, int defaultPort) {
        return get.apply(name).map(value -> {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + value + "'");
            }
        }).orElse(defaultPort);
    }

    /** {@code 90s}, {@code 3m} or an ISO-8601 duration. */
    static Duration duration(String value) {
        String lower = value.toLowerCase();
        try {
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
            }
            if (lower.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1)));
            }
            if (lower.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1)));
            }
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a duration (90s, 3m, PT2M): " + value, e);
        }
    }

    /**
     * {@code count} distinct free loopback ports. They are all held open until the last is found: asked one at a
     * time, the system may hand out a port it just released again, and two parts of a stack would share it.
     */
    public static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket that never accepted anything does not fail in a way that matters here.
                }
            }
        }
    }

    /**
     * A port that was free a moment ago; another process could take it before the server binds it, and the
     * server then fails loudly.
     */
    public static int freePort() {
        return freePorts(1).get(0);
    }
}
