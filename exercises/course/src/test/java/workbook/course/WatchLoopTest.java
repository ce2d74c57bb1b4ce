package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchLoopTest {

    @TempDir
    Path sources;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicBoolean going = new AtomicBoolean(true);
    private final AtomicInteger checks = new AtomicInteger();
    private Thread watcher;

    private WatchLoop start(WatchLoop.Check check, boolean clear) {
        WatchLoop loop = new WatchLoop(sources, check, new PrintStream(bytes, true, StandardCharsets.UTF_8), clear);
        watcher = new Thread(() -> {
            try {
                loop.run(going::get);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "watch-loop-under-test");
        watcher.start();
        return loop;
    }

    private WatchLoop.Check counting() {
        return () -> "screen " + checks.incrementAndGet() + "\n";
    }

    @AfterEach
    void stop() throws InterruptedException {
        going.set(false);
        watcher.join(5_000);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checksOnceAtTheStartThenAgainAfterASave() throws Exception {
        Path file = Files.writeString(sources.resolve("Server.java"), "class Server {}\n");
        start(counting(), false);
        await(() -> output().contains("screen 1")); // printed after the check returned
        assertThat(output()).contains("screen 1");

        Files.writeString(file, "class Server { int port; }\n");
        await(() -> output().contains("screen 2"));

        assertThat(checks.get()).isEqualTo(2);
        assertThat(output()).containsSubsequence("screen 1", "Checking again", "screen 2")
                .doesNotContain("\u001b[2J").contains("=".repeat(100));
    }

    @Test
    void aNewFileInANewFolderIsASaveToo() throws Exception {
        Files.writeString(sources.resolve("Server.java"), "class Server {}\n");
        start(counting(), true);
        await(() -> output().contains("screen 1")); // printed after the check returned

        Files.createDirectories(sources.resolve("workbook/tcp"));
        Files.writeString(sources.resolve("workbook/tcp/Client.java"), "class Client {}\n");
        await(() -> output().contains("screen 2"));

        assertThat(checks.get()).isEqualTo(2);
        assertThat(output()).as("on a terminal, each screen replaces the last").contains("\u001b[H\u001b[2J");
    }

    @Test
    void withoutASaveNothingRunsAgain() throws Exception {
        Files.writeString(sources.resolve("Server.java"), "class Server {}\n");
        start(counting(), false);
        await(() -> output().contains("screen 1")); // printed after the check returned

        Thread.sleep(5 * WatchLoop.POLL_MILLIS);

        assertThat(checks.get()).isEqualTo(1);
    }

    @Test
    void aCheckThatCannotRunSaysSoAndTheWatchGoesOn() throws Exception {
        Path file = Files.writeString(sources.resolve("Server.java"), "class Server {}\n");
        start(() -> {
            if (checks.incrementAndGet() == 1) {
                throw new IllegalStateException("no javac");
            }
            return "screen " + checks.get() + "\n";
        }, false);
        await(() -> output().contains("no javac"));
        Files.writeString(file, "class Server { }\n");
        await(() -> output().contains("screen 2"));

        assertThat(output()).containsSubsequence("The checks could not run: java.lang.IllegalStateException: no javac",
                "screen 2");
    }
}
