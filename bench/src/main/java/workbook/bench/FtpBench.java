package workbook.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lesson 08's figures: the reference FTP server next to two FTP servers people use, and next to a
 * plain copy of the file, all on loopback in the same run.
 *
 * <ul>
 *   <li>{@code ftp_copy_1g}: {@code Files.copy} of the file (the kernel copies; no socket);
 *   <li>{@code ftp_retr_1g_SERVER}: one session downloads the file (RETR) into a new local file;
 *   <li>{@code ftp_stor_1g_SERVER}: one session uploads it (STOR); the server writes it to its disk;
 *   <li>{@code ftp_100_sessions_SERVER}: 100 sessions at once, each logs in and downloads a 10 MiB
 *       file (the bytes are dropped by the client: this is about serving many at once), from the
 *       moment they are all released to the last 226.
 * </ul>
 * SERVER is {@code reference} (lesson 08's solution, {@link ReferenceFtpMain}), {@code apache}
 * (Apache FtpServer 1.2.1 on MINA, {@link ApacheFtpMain}) and {@code pyftpdlib} (Python's pyftpdlib,
 * its asynchronous server, where Debian's python3 has it; left out with a note otherwise). Each
 * server runs in a process of its own (a JVM of the same java and heap for the two Java servers);
 * the client is the same for all: the bench's {@link FtpLoadClient}, on plain NIO sockets, in this
 * JVM. A login is cheap on every server (clear text for the peers, 1,000 PBKDF2 iterations for the
 * reference). The files are random bytes, hard-linked into each server's home (one copy on disk,
 * one in the page cache). Each run measures the copy, then every server in turn, in an order that
 * rotates from run to run; {@code sync} runs (untimed) before each single transfer. Each ratio is
 * the median of each run's own ratio of times: below 1, the reference is faster.
 *
 * <pre>
 *   -Dbench.ftp.bytes=1073741824      size of the RETR/STOR file (default 1 GiB)
 *   -Dbench.ftp.runs=3                runs
 *   -Dbench.ftp.sessions=100          sessions at once
 *   -Dbench.ftp.sessionBytes=10485760 what each session downloads (default 10 MiB)
 * </pre>
 */
public final class FtpBench implements Benchmark {

    private static final long SIZE = Long.getLong("bench.ftp.bytes", 1L << 30);
    private static final int RUNS = Integer.getInteger("bench.ftp.runs", 3);
    private static final int SESSIONS = Integer.getInteger("bench.ftp.sessions", 100);
    private static final long SESSION_BYTES = Long.getLong("bench.ftp.sessionBytes", 10L << 20);
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password";
    private static final String BIG = "big.bin";
    private static final String SMALL = "small.bin";
    private static final String UPLOADED = "uploaded.bin";

    /** One server under measurement: its process and the folder its user sees as "/". */
    private record Peer(String name, ServerProcess process, Path home) {
        InetSocketAddress address() {
            return process.address();
        }
    }

    @Override
    public String name() {
        return "ftp";
    }

    @Override
    public void run(Results results) throws Exception {
        String group = String.format(Locale.ROOT, "lesson 08: FTP, %s RETR and STOR, %d sessions x %s",
                human(SIZE), SESSIONS, human(SESSION_BYTES));
        String load = String.valueOf(BenchEnv.loadAverage());
        Path work = Files.createTempDirectory("workbook-ftp-bench");
        List<Peer> peers = new ArrayList<>();
        try {
            Path big = work.resolve("source-" + BIG);
            Path small = work.resolve("source-" + SMALL);
            generate(big, SIZE, 1);
            generate(small, SESSION_BYTES, 2);
            peers.add(reference(work));
            peers.add(apache(work));
            pyftpdlib(work).ifPresent(peers::add);
            for (Peer peer : peers) {
                Files.createLink(peer.home().resolve(BIG), big);
                Files.createLink(peer.home().resolve(SMALL), small);
                warmUp(peer, small, work);
            }
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (int run = 0; run < RUNS; run++) {
                boolean verify = run == 0;
                BenchEnv.settle();
                Path copy = work.resolve("copy.bin");
                times.computeIfAbsent("copy", k -> new ArrayList<>()).add(time(() -> Files.copy(big, copy)));
                Files.delete(copy);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  run %d: copy %.2f s", run + 1,
                        last(times.get("copy"))));
                for (int i = 0; i < peers.size(); i++) {
                    Peer peer = peers.get((i + run) % peers.size());
                    Path down = work.resolve("down.bin");
                    BenchEnv.settle();
                    add(times, "retr_" + peer.name(), time(() -> retr(peer, BIG, down)));
                    check(verify, peer, "RETR", big, down);
                    Files.delete(down);
                    Path up = peer.home().resolve(UPLOADED);
                    BenchEnv.settle();
                    add(times, "stor_" + peer.name(), time(() -> stor(peer, big, UPLOADED)));
                    check(verify, peer, "STOR", big, up);
                    Files.delete(up);
                    add(times, "sessions_" + peer.name(), time(() -> sessions(peer, SESSIONS)));
                    line.append(String.format(Locale.ROOT, "; %s RETR %.2f s, STOR %.2f s, %d sessions %.2f s",
                            peer.name(), last(times.get("retr_" + peer.name())),
                            last(times.get("stor_" + peer.name())), SESSIONS,
                            last(times.get("sessions_" + peer.name()))));
                }
                System.out.println(line);
            }
            record(results, group, times, peers, load + " -> " + BenchEnv.loadAverage());
        } finally {
            for (Peer peer : peers) {
                peer.process().close();
            }
            deleteTree(work);
        }
    }

    private static void record(Results results, String group, Map<String, List<Double>> times, List<Peer> peers,
            String load) {
        results.add(group, "ftp_copy_1g", sample(times.get("copy")), "s", "Files.copy of the same file, same disk");
        for (Peer peer : peers) {
            String who = switch (peer.name()) {
                case "reference" -> "lesson 08's reference server";
                case "apache" -> "Apache FtpServer 1.2.1";
                default -> "pyftpdlib (Python, asynchronous)";
            };
            results.add(group, "ftp_retr_1g_" + peer.name(), sample(times.get("retr_" + peer.name())), "s",
                    who + ": RETR into a local file, from the connection to QUIT");
            results.add(group, "ftp_stor_1g_" + peer.name(), sample(times.get("stor_" + peer.name())), "s",
                    who + ": STOR, until its 226");
            results.add(group, "ftp_100_sessions_" + peer.name(),
                    sample(times.get("sessions_" + peer.name())), "s",
                    who + ": " + SESSIONS + " sessions at once, each RETR of " + human(SESSION_BYTES));
        }
        results.add(group, "ftp_retr_1g_vs_copy_ratio", ratio(times, "retr_reference", "copy"), "x",
                "reference RETR / copy of the same run");
        results.add(group, "ftp_stor_1g_vs_copy_ratio", ratio(times, "stor_reference", "copy"), "x",
                "reference STOR / copy of the same run");
        for (Peer peer : peers.subList(1, peers.size())) {
            String vs = "_vs_" + peer.name() + "_ratio";
            String note = "reference / " + peer.name() + ", same run (below 1: the reference is faster)";
            results.add(group, "ftp_retr_1g" + vs, ratio(times, "retr_reference", "retr_" + peer.name()), "x", note);
            results.add(group, "ftp_stor_1g" + vs, ratio(times, "stor_reference", "stor_" + peer.name()), "x", note);
            results.add(group, "ftp_100_sessions" + vs,
                    ratio(times, "sessions_reference", "sessions_" + peer.name()), "x", note);
        }
        results.derived(group, "ftp_runs", times.get("copy").size(), "runs", String.format(Locale.ROOT,
                "%s file, %d x %s sessions; load average (1 min) %s", human(SIZE), SESSIONS, human(SESSION_BYTES),
                load));
    }

    // The three servers, each in its own process, each with its own empty home.

    private static Peer reference(Path work) throws IOException, InterruptedException {
        Path homes = Files.createDirectory(work.resolve("reference-homes"));
        Path home = Files.createDirectory(homes.resolve(USER));
        ServerProcess process = ServerProcess.java("ftp-reference", ReferenceFtpMain.class.getName(),
                homes.toString(), work.resolve("reference-users.txt").toString(), USER, PASSWORD);
        return new Peer("reference", process, home);
    }

    private static Peer apache(Path work) throws IOException, InterruptedException {
        Path home = Files.createDirectory(work.resolve("apache-home"));
        ServerProcess process = ServerProcess.java("ftp-apache", ApacheFtpMain.class.getName(),
                home.toString(), USER, PASSWORD);
        return new Peer("apache", process, home);
    }

    /** pyftpdlib on the first python3 that has it (Debian's package is for /usr/bin/python3), or empty with a note. */
    private static Optional<Peer> pyftpdlib(Path work) throws IOException, InterruptedException {
        Path script = BenchEnv.benchDir().resolve("src/main/python/pyftpdlib_server.py");
        for (String python : List.of("/usr/bin/python3", "python3")) {
            if (hasPyftpdlib(python)) {
                Path home = Files.createDirectory(work.resolve("pyftpdlib-home"));
                ServerProcess process = ServerProcess.command("ftp-pyftpdlib",
                        List.of(python, script.toString(), home.toString(), USER, PASSWORD));
                return Optional.of(new Peer("pyftpdlib", process, home));
            }
        }
        System.out.println("  (pyftpdlib not found for /usr/bin/python3 or python3: no pyftpdlib figures;"
                + " Debian: apt-get install python3-pyftpdlib)");
        return Optional.empty();
    }

    private static boolean hasPyftpdlib(String python) throws InterruptedException {
        try {
            Process probe = new ProcessBuilder(python, "-c", "import pyftpdlib").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException noSuchPython) {
            return false;
        }
    }

    // What the client does.

    private static void retr(Peer peer, String remote, Path local) throws IOException {
        try (FtpLoadClient client = FtpLoadClient.login(peer.address(), USER, PASSWORD)) {
            client.retr(remote, local);
        }
    }

    private static void stor(Peer peer, Path local, String remote) throws IOException {
        try (FtpLoadClient client = FtpLoadClient.login(peer.address(), USER, PASSWORD)) {
            client.stor(local, remote);
        }
    }

    /** {@code count} sessions released at once, each downloading the small file; every byte counted. */
    private static void sessions(Peer peer, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sessions.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try (FtpLoadClient client = FtpLoadClient.login(peer.address(), USER, PASSWORD)) {
                        return client.retr(SMALL, null);
                    }
                }));
            }
            ready.await();
            go.countDown();
            for (Future<Long> session : sessions) {
                long got = session.get(FtpLoadClient.TRANSFER_LIMIT_S, TimeUnit.SECONDS);
                if (got != SESSION_BYTES) {
                    throw new IllegalStateException(peer.name() + ": a session received " + got + " bytes of "
                            + SESSION_BYTES);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Not timed: JIT, caches, first connections; and a check that the server returns and keeps bytes intact. */
    private static void warmUp(Peer peer, Path small, Path work) throws Exception {
        Path down = work.resolve("warm-up.bin");
        for (int i = 0; i < 5; i++) {
            retr(peer, SMALL, down);
            stor(peer, small, UPLOADED);
        }
        check(true, peer, "RETR", small, down);
        check(true, peer, "STOR", small, peer.home().resolve(UPLOADED));
        Files.delete(down);
        Files.delete(peer.home().resolve(UPLOADED));
        sessions(peer, Math.min(10, SESSIONS));
    }

    private static void check(boolean verify, Peer peer, String what, Path sent, Path received) throws IOException {
        if (verify && Files.mismatch(sent, received) != -1) {
            throw new IllegalStateException(peer.name() + ": the " + what + " changed the file: " + received);
        }
    }

    /** {@code size} random bytes: a 1 MiB random block, each copy with its own first 8 bytes (no two MiB alike). */
    private static void generate(Path file, long size, long seed) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(seed).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0, index = 0; written < size; index++) {
                java.nio.ByteBuffer.wrap(block).putLong(index * 0x9E3779B97F4A7C15L);
                int n = (int) Math.min(block.length, size - written);
                out.write(block, 0, n);
                written += n;
            }
        }
    }

    @FunctionalInterface
    private interface Timed {
        void run() throws Exception;
    }

    private static double time(Timed body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void add(Map<String, List<Double>> times, String key, double value) {
        times.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    /** The median of each run's own ratio: a busy neighbour slows both sides of a run alike. */
    private static Sample ratio(Map<String, List<Double>> times, String numerator, String denominator) {
        List<Double> top = times.get(numerator);
        List<Double> bottom = times.get(denominator);
        double[] ratios = new double[top.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = top.get(i) / bottom.get(i);
        }
        return Sample.of(ratios);
    }

    private static double last(List<Double> values) {
        return values == null || values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    private static Sample sample(List<Double> values) {
        return Sample.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String human(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes + " bytes";
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
