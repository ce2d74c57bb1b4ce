package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/** The real experiment: threads against the clock. Only the robust part is checked; the table tells the rest. */
@LessonChecks
@Timeout(8)
@DisplayName("Lesson 06 · The real experiment (step 5)")
class ConcurrencyExperimentTest {

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: eight I/O-bound tasks on eight threads wait for their I/O at the same time")
    void ioBoundTasksOverlap() throws Exception {
        Duration delay = Duration.ofMillis(100);
        try (SlowServer server = SlowServer.start(delay)) {
            ConcurrencyExperiment.Row io = ConcurrencyExperiment.measure("I/O-bound",
                    () -> ConcurrencyExperiment.ask(server.port()), 8);
            String row = io.kind() + ": serially " + io.serial().toMillis() + " ms, on threads "
                    + io.threaded().toMillis() + " ms";
            assertThat(io.serial()).as("eight waits of 100 ms, one after another (%s)", row)
                    .isGreaterThanOrEqualTo(delay.multipliedBy(8));
            // Behaviour, not a stopwatch: on threads, the slow server saw several requests waiting at once.
            assertThat(server.mostRequestsWaitingAtOnce())
                    .as("the most requests the slow server had waiting at the same time (%s)", row)
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the whole experiment runs: both kinds of task, and CPU-bound tasks really use their CPU time")
    void theWholeExperimentRuns() throws Exception {
        List<ConcurrencyExperiment.Row> rows = ConcurrencyExperiment.run(2, Duration.ofMillis(20));
        String table = ConcurrencyExperiment.table(rows, Runtime.getRuntime().availableProcessors());
        assertThat(rows).as("the rows of the table:%n%s", table).extracting(ConcurrencyExperiment.Row::kind)
                .containsExactly("I/O-bound", "CPU-bound");
        assertThat(rows.get(1).serial()).as("two tasks that each compute for 20 ms of CPU time, one after the"
                + " other:%n%s", table).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the table shows both kinds of task, serially and on threads, with the speed-up")
    void printsTheTable() {
        String table = ConcurrencyExperiment.table(List.of(
                new ConcurrencyExperiment.Row("I/O-bound", 8, Duration.ofMillis(801), Duration.ofMillis(102)),
                new ConcurrencyExperiment.Row("CPU-bound", 8, Duration.ofMillis(800), Duration.ofMillis(400))), 2);
        // The table ends its lines with the platform's separator, as println does: compare with "\n".
        assertThat(Demo.normalise(table)).isEqualTo("""
                8 tasks of each kind, on a machine with 2 CPU cores

                kind         serially   on 8 threads  speed-up
                I/O-bound      801 ms         102 ms      7.9x
                CPU-bound      800 ms         400 ms      2.0x
                """);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: on one core the table says \"1 CPU core\"; a zero time on threads gives no division by zero")
    void tableEdges() {
        String table = ConcurrencyExperiment.table(List.of(
                new ConcurrencyExperiment.Row("I/O-bound", 1, Duration.ofMillis(5), Duration.ZERO)), 1);
        assertThat(Demo.normalise(table)).isEqualTo("""
                1 tasks of each kind, on a machine with 1 CPU core

                kind         serially   on 1 threads  speed-up
                I/O-bound        5 ms           0 ms  5000000.0x
                """);
        assertThat(new ConcurrencyExperiment.Row("x", 1, Duration.ofNanos(3), Duration.ofNanos(2)).speedUp())
                .isEqualTo(1.5);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the experiment takes 1 to 256 tasks of 1 ms to 10 s, and refuses others, naming the value")
    void sizes() throws Exception {
        ConcurrencyExperiment.checkSizes(1, Duration.ofMillis(1));
        ConcurrencyExperiment.checkSizes(256, Duration.ofSeconds(10));
        assertThatThrownBy(() -> ConcurrencyExperiment.run(0, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be 1 to 256: 0");
        assertThatThrownBy(() -> ConcurrencyExperiment.checkSizes(257, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be 1 to 256: 257");
        assertThatThrownBy(() -> ConcurrencyExperiment.run(1, Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("taskTime must be 1 ms to 10 s: PT0.000999999S");
        assertThatThrownBy(() -> ConcurrencyExperiment.checkSizes(1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.001S");
        assertThatThrownBy(() -> ConcurrencyExperiment.checkSizes(1, Duration.ofMillis(10_001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT10.001S");
        assertThat(ConcurrencyExperiment.run(1, Duration.ofMillis(1))).extracting(ConcurrencyExperiment.Row::tasks)
                .containsExactly(1, 1);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: measure runs the task exactly N times serially and N times on threads, and times both phases")
    void measureCountsAndTimes() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        long before = System.nanoTime();
        ConcurrencyExperiment.Row row = ConcurrencyExperiment.measure("count", () -> (long) calls.incrementAndGet(), 5);
        Duration outside = Duration.ofNanos(System.nanoTime() - before);
        assertThat(calls.get()).as("calls: 5 one after another, then 5 on threads").isEqualTo(10);
        assertThat(row.kind()).isEqualTo("count");
        assertThat(row.tasks()).isEqualTo(5);
        assertThat(row.serial()).as("the serial phase lies within the whole call (%s)", outside)
                .isPositive().isLessThanOrEqualTo(outside);
        assertThat(row.threaded()).as("the threaded phase lies within the whole call (%s)", outside)
                .isPositive().isLessThanOrEqualTo(outside);
        assertThat(row.serial().plus(row.threaded())).isLessThanOrEqualTo(outside);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a task that fails makes the experiment fail with the task's own exception")
    void taskFailureSurfaces() {
        java.io.IOException boom = new java.io.IOException("the slow server went away");
        assertThatThrownBy(() -> ConcurrencyExperiment.measure("failing", () -> {
            throw boom;
        }, 2)).isSameAs(boom);
        int[] calls = {0};
        assertThatThrownBy(() -> ConcurrencyExperiment.measure("fails on threads", () -> {
            synchronized (calls) {
                if (++calls[0] > 2) {
                    throw boom;
                }
            }
            return 0L;
        }, 2)).as("failing only when run on threads").isSameAs(boom);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a CPU-bound task really computes: its thread uses at least its CPU time, and the result is not a constant")
    void cpuBoundTaskComputes() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isCurrentThreadCpuTimeSupported(),
                "this JVM cannot measure a thread's CPU time");
        long start = threads.getCurrentThreadCpuTime();
        long result = ConcurrencyExperiment.compute(Duration.ofMillis(20));
        assertThat(Duration.ofNanos(threads.getCurrentThreadCpuTime() - start)).as("CPU time this thread used")
                .isGreaterThanOrEqualTo(Duration.ofMillis(20));
        assertThat(result).isNotIn(0L, 1L);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the slow server answers '!' after its delay, and close() waits for answers in progress")
    void slowServerAnswers() throws Exception {
        long start = System.nanoTime();
        SlowServer server = SlowServer.start(Duration.ofMillis(50));
        int port = server.port();
        assertThat(ConcurrencyExperiment.ask(port)).isEqualTo('!');
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(server.mostRequestsWaitingAtOnce()).as("one request at a time").isEqualTo(1);
        server.close();
        assertThatThrownBy(() -> ConcurrencyExperiment.ask(port)).as("after close(), nobody listens")
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the slow server's close() ends its threads, and an interrupted close() says so and keeps the interrupt")
    void slowServerCloses() throws Exception {
        SlowServer server = SlowServer.start(Duration.ofMillis(200));
        java.util.concurrent.CompletableFuture<Long> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return ConcurrencyExperiment.ask(server.port());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.mostRequestsWaitingAtOnce() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        server.close();
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("slow-server")).toList())
                .as("the slow server's threads still alive after close()").isEmpty();
        assertThat(answer.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("the answer in progress").isEqualTo('!');

        SlowServer busy = SlowServer.start(Duration.ofMillis(300));
        java.util.concurrent.CompletableFuture<Long> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return ConcurrencyExperiment.ask(busy.port());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (busy.mostRequestsWaitingAtOnce() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(busy::close).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
            waiting.get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
