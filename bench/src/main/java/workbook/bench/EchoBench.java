package workbook.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Lesson 05's figures: how many upper-case echo round trips per second a server answers at 10, 100
 * and 1000 concurrent connections, and whether the framework holds 10,000 idle connections while it
 * still answers a newcomer.
 *
 * <pre>
 *   servers, each in a process of its own:   virtual   the framework, a virtual thread per client
 *                                            platform  the framework, a platform thread per client
 *                                            virtual_timed  the same, its idle limit a read time-out (pinned rounds)
 *                                            nio       one thread, one Selector (SelectorEchoServer)
 *                                            python    socketserver.ThreadingTCPServer (if python3 is here)
 *   load generator, in this JVM:             EchoLoad, one thread, one Selector, closed loop
 * </pre>
 * Fairness: the same generator, message and connection counts for every server; rounds interleave
 * the servers (in a rotating order) so that background load on a shared machine hits them alike;
 * every figure is the median of {@value #ROUNDS} rounds, with the spread, and every ratio compares
 * medians of this one run. Loopback only; every process is stopped at the end.
 */
public final class EchoBench implements Benchmark {

    private static final String GROUP = "echo (lesson 05)";
    private static final int[] LEVELS = {10, 100, 1000};
    private static final int ROUNDS = 5;
    private static final Duration RAMP = Duration.ofMillis(200);
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Duration SETTLE = Duration.ofMillis(300);
    private static final int BACKLOG = 4096;
    private static final int IDLE = 10_000;
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public void run(Results results) throws Exception {
        System.out.printf("  %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        double loadBefore = BenchEnv.loadAverage();
        Map<String, Map<Integer, Measurement[]>> rates = new LinkedHashMap<>();
        List<ServerProcess> servers = new ArrayList<>();
        try {
            for (String kind : List.of("virtual", "platform", "nio")) {
                servers.add(ServerProcess.java(kind, "workbook.bench.EchoServerMain", kind, String.valueOf(BACKLOG)));
            }
            Optional<ServerProcess> python = ServerProcess.python("python", "upper_echo_server.py", String.valueOf(BACKLOG));
            if (python.isPresent()) {
                servers.add(python.get());
            }
            rates = measureAll(servers);
        } finally {
            for (ServerProcess s : servers) {
                s.close();
            }
        }
        record(results, rates, "", List.of("virtual"));
        pinned(results);
        results.derived(GROUP, "echo_load_average_before", loadBefore, "",
                "1-minute load average before the rounds: above the number of cores, other programs"
                        + " competed for them");
        idle(results, "virtual", "");
        idle(results, "platform", "_platform");
    }

    /** Warm-up, then {@value #ROUNDS} rounds of every server at every level, in a rotating order. */
    private static Map<String, Map<Integer, Measurement[]>> measureAll(List<ServerProcess> servers)
            throws Exception {
        Map<String, Map<Integer, Measurement[]>> rates = new LinkedHashMap<>();
        for (ServerProcess s : servers) {
            rates.put(s.name, new LinkedHashMap<>());
            for (int level : LEVELS) {
                rates.get(s.name).put(level, new Measurement[ROUNDS]);
            }
        }
        for (int level : LEVELS) { // warm-up: JIT, thread pools, first connections; not counted
            for (ServerProcess s : servers) {
                measure(s, level);
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int level : LEVELS) {
                List<ServerProcess> order = new ArrayList<>(servers);
                Collections.rotate(order, round);
                for (ServerProcess s : order) {
                    rates.get(s.name).get(level)[round] = measure(s, level);
                }
            }
            System.out.printf("  round %d of %d done%n", round + 1, ROUNDS);
        }
        return rates;
    }

    /**
     * Equal CPU for every server: each server process on CPU 0 (its JVM told it has one
     * processor), this JVM, the load generator's, on CPU 1. Then no server can borrow the
     * generator's core, and the CPU per round trip compares like with like. Needs taskset and two
     * CPUs; otherwise it says so and records nothing.
     */
    private static void pinned(Results results) throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2 || !Pinning.available()) {
            System.out.println("  pinned rounds skipped: they need taskset and at least 2 CPUs");
            return;
        }
        long me = ProcessHandle.current().pid();
        List<ServerProcess> servers = new ArrayList<>();
        Map<String, Map<Integer, Measurement[]>> rates;
        try {
            List<String> oneCpu = List.of("-XX:ActiveProcessorCount=1");
            // virtual_timed: the same framework and handler, but the idle limit kept lesson 01's way,
            // with a read time-out (setSoTimeout) instead of IdleLimit: what that choice costs.
            for (String kind : List.of("virtual", "virtual_timed", "nio")) {
                servers.add(ServerProcess.java(kind, oneCpu, "workbook.bench.EchoServerMain", kind,
                        String.valueOf(BACKLOG)));
            }
            ServerProcess.python("python", "upper_echo_server.py", String.valueOf(BACKLOG)).ifPresent(servers::add);
            for (ServerProcess s : servers) {
                Pinning.pin(s.pid(), "0");
            }
            Pinning.pin(me, "1");
            System.out.println("  pinned: servers on CPU 0, the load generator on CPU 1");
            rates = measureAll(servers);
            syscalls(results, servers);
        } finally {
            Pinning.pin(me, "0-" + (cpus - 1));
            for (ServerProcess s : servers) {
                s.close();
            }
        }
        record(results, rates, "pinned_", List.of("virtual"));
    }

    /**
     * Why one server needs more CPU per round trip than another: the system calls each makes per
     * round trip at 1000 connections, counted by perf during three more closed-loop runs.
     */
    private static void syscalls(Results results, List<ServerProcess> servers) throws Exception {
        int connections = LEVELS[LEVELS.length - 1];
        if (!SyscallCount.available()) {
            System.out.println("  system calls not counted: perf stat cannot count raw_syscalls:sys_enter here");
            for (ServerProcess server : servers) { // "n/a" in the table and the lesson pages, not a hole
                results.derived(GROUP, syscallsName(connections, server), Double.NaN, "calls",
                        "not counted: perf stat cannot count system calls here");
            }
            return;
        }
        for (ServerProcess server : servers) {
            double[] perRoundTrip = new double[3];
            for (int i = 0; i < perRoundTrip.length; i++) {
                try (EchoLoad load = EchoLoad.open(server.address(), connections)) {
                    // perf counts from a little before the ramp to a little after the window (perf
                    // needs a moment to attach): every round trip of the run falls inside, and an idle
                    // server makes next to no calls.
                    SyscallCount count = SyscallCount.start(server.pid(), RAMP.plus(WINDOW).plusMillis(400));
                    Thread.sleep(200);
                    EchoLoad.Run run = load.run(RAMP, WINDOW);
                    perRoundTrip[i] = (double) count.finish() / run.roundTrips();
                }
                Thread.sleep(SETTLE.toMillis());
            }
            results.add(GROUP, syscallsName(connections, server), new Sample(perRoundTrip), "calls",
                    "system calls the server made per round trip (perf stat), " + connections + " connections, pinned");
        }
    }

    private static String syscallsName(int connections, ServerProcess server) {
        return "echo_" + connections + "_pinned_" + server.name + "_syscalls_per_rt";
    }

    /** CPU time the whole server process has used so far (user + system), as the JDK reports it. */
    private static long cpuNanos(ServerProcess server) {
        return ProcessHandle.of(server.pid()).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos)
                .orElse(0L);
    }

    /** One server at one level: round trips per second, and the CPU each side spent per round trip. */
    private record Measurement(double perSecond, double serverCpuUs, double generatorCpuUs) {
    }

    /** One measurement: open the connections, run the closed loop, close them, let the server settle. */
    private static Measurement measure(ServerProcess server, int connections) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Measurement measured;
        try (EchoLoad load = EchoLoad.open(server.address(), connections)) {
            long serverCpu = cpuNanos(server);
            long generatorCpu = threads.getCurrentThreadCpuTime();
            EchoLoad.Run run = load.run(RAMP, WINDOW);
            measured = new Measurement(run.perSecond(),
                    (cpuNanos(server) - serverCpu) / 1e3 / run.roundTrips(),
                    (threads.getCurrentThreadCpuTime() - generatorCpu) / 1e3 / run.roundTrips());
        }
        Thread.sleep(SETTLE.toMillis());
        return measured;
    }

    private static Sample sample(Measurement[] rounds, ToDoubleFunction<Measurement> figure) {
        return new Sample(Arrays.stream(rounds).mapToDouble(figure).toArray());
    }

    /**
     * Records every server's figures and the ratios of {@code mine} to the others, under names
     * {@code echo_LEVEL_MODE_SERVER_...}, where MODE is "" or "pinned_".
     */
    private static void record(Results results, Map<String, Map<Integer, Measurement[]>> all, String mode,
            List<String> mine) {
        String how = mode.isEmpty() ? "" : ", pinned (server on CPU 0, generator on CPU 1)";
        for (int level : LEVELS) {
            List<Double> generator = new ArrayList<>();
            for (var server : all.entrySet()) {
                Measurement[] rounds = server.getValue().get(level);
                String name = "echo_" + level + "_" + mode + server.getKey();
                results.add(GROUP, name + "_rt_per_s", sample(rounds, Measurement::perSecond), "rt/s",
                        server.getKey() + ", " + level + " connections, 32-byte messages" + how);
                results.add(GROUP, name + "_server_cpu_us_per_rt", sample(rounds, Measurement::serverCpuUs), "us",
                        "CPU the server process spent per round trip (user + system)");
                Arrays.stream(rounds).forEach(m -> generator.add(m.generatorCpuUs()));
            }
            results.add(GROUP, "echo_" + level + "_" + mode + "generator_cpu_us_per_rt",
                    new Sample(generator.stream().mapToDouble(Double::doubleValue).toArray()), "us",
                    "CPU the load generator spent per round trip, all servers");
        }
        for (int level : LEVELS) {
            for (String ours : mine) {
                Measurement[] virtual = all.get(ours).get(level);
                for (String other : List.of("nio", "python", "platform", "virtual_timed")) {
                    if (!all.containsKey(other)) {
                        continue;
                    }
                    Measurement[] them = all.get(other).get(level);
                    double[] speed = new double[ROUNDS];
                    double[] thrift = new double[ROUNDS];
                    boolean cpuSeen = true;
                    for (int r = 0; r < ROUNDS; r++) {
                        speed[r] = virtual[r].perSecond() / them[r].perSecond();
                        thrift[r] = them[r].serverCpuUs() / virtual[r].serverCpuUs();
                        // The OS counts CPU in ticks (10 ms on Linux): a server starved by other programs
                        // during a 1 s window may show none, and a ratio of nothing means nothing.
                        cpuSeen &= virtual[r].serverCpuUs() > 0 && them[r].serverCpuUs() > 0;
                    }
                    String name = "echo_" + level + "_" + mode + ours + "_vs_" + other;
                    results.add(GROUP, name + "_ratio", new Sample(speed), "x",
                            "round trips/s, " + ours + " / " + other + ", per round" + how);
                    if (cpuSeen) {
                        results.add(GROUP, name + "_cpu_ratio", new Sample(thrift), "x",
                                "round trips per server CPU second, " + ours + " / " + other + ", per round" + how);
                    } else {
                        System.out.printf("  %s_cpu_ratio not recorded: a round saw no server CPU tick%n", name);
                    }
                }
            }
        }
    }

    /**
     * Opens up to {@value #IDLE} connections to a fresh framework server, each answered once and then
     * left idle; times a newcomer; measures the server's heap and memory; checks every idle
     * connection is still served.
     */
    private static void idle(Results results, String kind, String suffix) throws Exception {
        List<Socket> idle = new ArrayList<>();
        try (ServerProcess server = ServerProcess.java(kind, "workbook.bench.EchoServerMain", kind, String.valueOf(BACKLOG))) {
            long heapBefore = server.heapBytes();
            String stopped = "";
            long start = System.nanoTime();
            try {
                for (int i = 0; i < IDLE; i++) {
                    Socket socket = connect(server.address());
                    idle.add(socket);
                    pingPong(socket);
                }
            } catch (IOException e) {
                stopped = "; stopped after " + idle.size() + ": " + e.getMessage();
            }
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            double[] rtts = new double[20];
            try (Socket newcomer = connect(server.address())) {
                for (int i = 0; i < rtts.length; i++) {
                    long t0 = System.nanoTime();
                    pingPong(newcomer);
                    rtts[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            long heap = server.heapBytes();
            long rss = server.rssKib();
            int held = 0;
            for (Socket socket : idle) {
                try {
                    pingPong(socket);
                    held++;
                } catch (IOException e) {
                    // not held
                }
            }
            String how = kind + " threads, " + idle.size() + " opened in " + String.format(Locale.ROOT, "%.1f", connectSeconds)
                    + " s" + stopped;
            results.derived(GROUP, "idle_connections_held" + suffix, held, "conns",
                    how + "; each answered once more after the newcomer");
            results.add(GROUP, "idle_10k_new_client" + suffix + "_rtt_ms", new Sample(rtts), "ms",
                    "a newcomer's round trips while the idle connections stay open");
            results.derived(GROUP, "idle_0_heap" + suffix + "_mib", heapBefore / 1048576.0, "MiB",
                    "heap in use after GC, no client");
            results.derived(GROUP, "idle_10k_heap" + suffix + "_mib", heap / 1048576.0, "MiB",
                    "heap in use after GC, " + idle.size() + " idle connections");
            results.derived(GROUP, "idle_10k_heap" + suffix + "_kib_per_conn",
                    (heap - heapBefore) / 1024.0 / Math.max(1, idle.size()), "KiB", "heap growth per connection");
            results.derived(GROUP, "idle_10k_rss" + suffix + "_mib", rss / 1024.0, "MiB",
                    "resident memory of the server process (heap + stacks + JVM)");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, 5_000);
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void pingPong(Socket socket) throws IOException {
        socket.getOutputStream().write(PING);
        byte[] reply = socket.getInputStream().readNBytes(PING.length);
        if (reply.length != PING.length || reply[0] != 'P') {
            throw new IOException("no proper reply to ping");
        }
    }
}
