package workbook.multiprogramming;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The real thing, timed: N I/O-bound tasks and N CPU-bound tasks, each run one after another
 * (serially) and then all at once on N threads.
 *
 * <pre>
 *   I/O-bound task   ask the {@link SlowServer} on loopback, wait about {@code taskTime} for its answer
 *   CPU-bound task   compute until the thread has used {@code taskTime} of CPU time
 * </pre>
 * While an I/O-bound task waits, its thread needs no CPU, so N of them wait together and the
 * speed-up approaches N. A CPU-bound task needs a core all the time, so the speed-up stops at the
 * number of cores: on a machine with 2 cores, 8 threads finish in about half the serial time.
 */
public final class ConcurrencyExperiment {

    /** One line of the table: the same tasks, timed serially and on threads. */
    public record Row(String kind, int tasks, Duration serial, Duration threaded) {

        public double speedUp() {
            return (double) serial.toNanos() / Math.max(1, threaded.toNanos());
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Keeps the JIT from deciding that the computation is unused. */
    private static volatile long sink;

    private ConcurrencyExperiment() {
    }

    /** Times {@code tasks} tasks of each kind, each lasting about {@code taskTime}. */
    public static List<Row> run(int tasks, Duration taskTime) throws Exception {
        checkSizes(tasks, taskTime);
        try (SlowServer server = SlowServer.start(taskTime)) {
            // tag::tasks[]
            Callable<Long> ioBound = () -> ask(server.port());
            Callable<Long> cpuBound = () -> compute(taskTime);
            // end::tasks[]
            return List.of(measure("I/O-bound", ioBound, tasks), measure("CPU-bound", cpuBound, tasks));
        }
    }

    /** Refuses a task count or a task time the experiment cannot time sensibly, naming the value. */
    static void checkSizes(int tasks, Duration taskTime) {
        if (tasks < 1 || tasks > 256) {
            throw new IllegalArgumentException("tasks must be 1 to 256: " + tasks);
        }
        if (taskTime.toMillis() < 1 || taskTime.toMillis() > 10_000) {
            throw new IllegalArgumentException("taskTime must be 1 ms to 10 s: " + taskTime);
        }
    }

    // tag::measure[]
    static Row measure(String kind, Callable<Long> task, int tasks)
            throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            sink += task.call(); // one after another
        }
        Duration serial = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(tasks)) {
            List<Future<Long>> all = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                all.add(threads.submit(task)); // all at once
            }
            for (Future<Long> f : all) {
                sink += get(f);
            }
        }
        Duration threaded = Duration.ofNanos(System.nanoTime() - start);
        return new Row(kind, tasks, serial, threaded);
    }
    // end::measure[]

    private static long get(Future<Long> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** An I/O-bound task: one request to the slow server; the thread waits, the CPU is free. */
    static long ask(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write('?');
            return socket.getInputStream().read();
        }
    }

    /**
     * A CPU-bound task: arithmetic that needs a core the whole time, until this thread has used
     * {@code cpuTime} of CPU time (not wall-clock time: a thread that waits for a core uses none).
     */
    static long compute(Duration cpuTime) {
        long x = 1;
        long end = cpuNow() + cpuTime.toNanos();
        while (cpuNow() < end) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x;
    }

    /** This thread's CPU time so far, in nanoseconds (the wall clock where the JVM cannot tell). */
    private static long cpuNow() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The table the experiment prints. */
    public static String table(List<Row> rows, int cores) {
        StringBuilder t = new StringBuilder();
        int tasks = rows.get(0).tasks();
        t.append(String.format(Locale.ROOT, "%d tasks of each kind, on a machine with %d CPU core%s%n%n", tasks, cores,
                cores == 1 ? "" : "s"));
        t.append(String.format(Locale.ROOT, "%-10s  %9s  %13s  %8s%n", "kind", "serially", "on " + tasks + " threads",
                "speed-up"));
        for (Row r : rows) {
            t.append(String.format(Locale.ROOT, "%-10s  %6d ms  %10d ms  %7.1fx%n", r.kind(), r.serial().toMillis(),
                    r.threaded().toMillis(), r.speedUp()));
        }
        return t.toString();
    }

    /**
     * Runs the experiment and prints the table.
     *
     * @param args optional: the number of tasks of each kind (default 8), then each task's time in ms (default 100)
     */
    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Duration taskTime = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
        System.out.println("Timing " + tasks + " I/O-bound and " + tasks + " CPU-bound tasks of about "
                + taskTime.toMillis() + " ms, serially and on threads...");
        System.out.print(table(run(tasks, taskTime), Runtime.getRuntime().availableProcessors()));
    }
}
