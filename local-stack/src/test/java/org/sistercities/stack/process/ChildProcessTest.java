package org.sistercities.stack.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChildProcessTest {

    @TempDir
    Path directory;

    private final List<ChildProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ChildProcess::kill);
    }

    @Test
    void theChildGetsExactlyItsEnvironmentAndWritesToItsLogFile() {
        ChildProcess child = sleeper("plain");

        child.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> child.logTail(5).contains("sleeper started, env SLEEPER_GREETING=hello"));
        assertThat(child.isAlive()).isTrue();
        assertThat(directory.resolve("run/sleeper.pid")).exists();
    }

    @Test
    void theChildRunsInASessionOfItsOwnSoThatCtrlCReachesOnlyTheLauncher() throws Exception {
        ChildProcess child = sleeper("plain");
        child.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> child.logTail(5).contains("sleeper started"));
        long pid = child.pid().orElseThrow();

        assertThat(ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("")).endsWith("java");
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (Files.exists(stat) && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // Field 6 of /proc/<pid>/stat is the session id: a session leader's is its own pid.
            String fields = Files.readString(stat);
            String[] afterName = fields.substring(fields.lastIndexOf(')') + 2).split(" ");
            assertThat(Long.parseLong(afterName[3])).isEqualTo(pid);
        }
    }

    @Test
    void stopEndsTheChildAndForgetsItsPid() {
        ChildProcess child = sleeper("plain");
        child.start();
        ProcessHandle handle = ProcessHandle.of(child.pid().orElseThrow()).orElseThrow();

        child.stop(Duration.ofSeconds(10));

        assertThat(handle.isAlive()).isFalse();
        assertThat(directory.resolve("run/sleeper.pid")).doesNotExist();
    }

    @Test
    void aChildThatHangsWhileStoppingIsKilledAfterTheGracePeriod() {
        ChildProcess child = sleeper("stubborn");
        child.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> child.logTail(5).contains("sleeper started"));
        ProcessHandle handle = ProcessHandle.of(child.pid().orElseThrow()).orElseThrow();
        long before = System.nanoTime();

        child.stop(Duration.ofMillis(500));

        assertThat(handle.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aLaterLauncherEndsTheChildrenOfOneThatWasKilled() {
        ChildProcess child = sleeper("plain");
        child.start();
        ProcessHandle orphan = ProcessHandle.of(child.pid().orElseThrow()).orElseThrow();

        List<String> ended = new PidFiles(directory.resolve("run")).endLeftovers(Duration.ofSeconds(10));

        assertThat(ended).containsExactly("sleeper");
        assertThat(orphan.isAlive()).isFalse();
        assertThat(directory.resolve("run/sleeper.pid")).doesNotExist();
    }

    @Test
    void aRecordedPidThatNowNamesAnotherProcessIsLeftAlone() throws Exception {
        Files.createDirectories(directory.resolve("run"));
        // Our own pid with a start time that is not ours: as if the pid had been recycled.
        Files.writeString(directory.resolve("run/old.pid"), ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z");

        List<String> ended = new PidFiles(directory.resolve("run")).endLeftovers(Duration.ofSeconds(1));

        assertThat(ended).isEmpty();
        assertThat(directory.resolve("run/old.pid")).doesNotExist();
    }

    private ChildProcess sleeper(String mode) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ChildProcess child = new ChildProcess("sleeper",
                List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"), Sleeper.class.getName(), mode),
                Map.of("SLEEPER_GREETING", "hello"), directory.resolve("logs/sleeper.log"), new PidFiles(directory.resolve("run")));
        started.add(child);
        return child;
    }
}
