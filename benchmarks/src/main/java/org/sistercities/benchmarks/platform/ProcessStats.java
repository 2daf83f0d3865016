package org.sistercities.benchmarks.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Memory and CPU time of the platform's processes, read from Linux's {@code /proc} (the benchmark's machine kind).
 * CPU time is in clock ticks of 10 ms ({@code CLK_TCK} = 100 on Linux x86-64).
 */
final class ProcessStats {

    static final double MILLIS_PER_TICK = 10.0;
    static final String OTHER = "other";
    /** A client backend's process title: user, database, then the client's address and port. */
    private static final Pattern BACKEND_TITLE = Pattern.compile("postgres: \\S+ (\\S+) [^ ]+\\(\\d+\\)");

    private ProcessStats() {
    }

    /** Resident set size now and its peak ({@code VmRSS}, {@code VmHWM}), in MiB. */
    record Memory(double rssMib, double peakMib) {
    }

    static Optional<Memory> memory(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return Optional.of(new Memory(kib(lines, "VmRSS:") / 1024.0, kib(lines, "VmHWM:") / 1024.0));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** User plus system CPU ticks of {@code pid}; with {@code children}, also of its reaped children. */
    static long cpuTicks(long pid, boolean children) {
        String[] fields = statFields(pid);
        if (fields.length < 15) {
            return 0;
        }
        // Fields after the command's closing parenthesis: [11] utime, [12] stime, [13] cutime, [14] cstime.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return children ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /**
     * CPU ticks of {@code pid}'s JIT compiler threads (HotSpot names them "C1 CompilerThreadN" and "C2 CompilerThreadN",
     * cut to 15 characters). HotSpot may stop an idle compiler thread, and its ticks leave the sum with it: a
     * difference of two readings can come out lower than what was compiled in between, never higher.
     */
    static long compilerTicks(long pid) {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat = readStat(task.resolve("stat"));
                String name = stat.isEmpty() ? "" : stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String[] fields = fieldsAfterName(stat);
                    total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException e) {
            // The process ended: nothing more to count.
        }
        return total;
    }

    /**
     * CPU ticks of the PostgreSQL server whose data directory is {@code dataDirectory}, by database: the postmaster
     * with what it reaped, plus its running backends. A backend's title ({@code postgres: <user> <database>
     * <host>(<port>) <state>}) names the database it serves, so each service's share of the server shows. Everything
     * else is {@link #OTHER}: the postmaster, its background processes (WAL writer, checkpointer, autovacuum) and the
     * children it reaped (an autovacuum worker, a connection that closed).
     */
    static Map<String, Long> postgresTicksByDatabase(Path dataDirectory) {
        String marker = dataDirectory.toAbsolutePath().toString();
        List<Long> all = pids();
        Map<String, Long> ticks = new TreeMap<>();
        for (long pid : all) {
            if (commandLine(pid).contains(marker)) {
                ticks.merge(OTHER, cpuTicks(pid, true), Long::sum);
                for (long child : all) {
                    String[] fields = statFields(child);
                    if (fields.length > 1 && fields[1].equals(Long.toString(pid))) {
                        Matcher backend = BACKEND_TITLE.matcher(commandLine(child));
                        ticks.merge(backend.lookingAt() ? backend.group(1) : OTHER, cpuTicks(child, false), Long::sum);
                    }
                }
            }
        }
        return ticks;
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> pids.add(Long.parseLong(n)));
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code /proc/<pid>/stat} after the command name (which may contain spaces): [0] state, [1] ppid, … */
    private static String[] statFields(long pid) {
        String stat = readStat(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() ? new String[0] : fieldsAfterName(stat);
    }

    /** A process's or thread's {@code stat} line, or "" where it ended before it could be read. */
    private static String readStat(Path stat) {
        try {
            return Files.readString(stat);
        } catch (IOException e) {
            return "";
        }
    }

    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long kib(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0])).orElse(0L);
    }
}
