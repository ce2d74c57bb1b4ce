package workbook.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import workbook.upload.UploadClient;
import workbook.upload.UploadServer;
import workbook.upload.Verdict;

/**
 * Lesson 03's figures: the time to upload a 1 GiB file on loopback, next to a plain copy of the
 * same file on the same disk, and next to the seeds' approach (line-by-line sends, 1 KiB reads).
 *
 * <ul>
 *   <li>{@code copy_1g}: {@code Files.copy} of the file (the kernel copies; nothing crosses a socket);
 *   <li>{@code loopback_1g}: the same number of bytes from memory through a loopback connection into
 *       nothing, 1 MiB at a time: no file, no hash, no protocol; what any upload on this machine pays
 *       at least, next to which the upload's own costs (file, hash, frames) can be seen;
 *   <li>{@code sha256_1g}: reading the file and computing its SHA-256 once (the reference's client and
 *       server each do it once, at the same time, while the bytes stream: the checksum is in the trailer);
 *   <li>{@code upload_1g}: the reference {@link UploadClient#upload} to the reference {@link UploadServer},
 *       from the connection to the verdict (header, body, trailer);
 *   <li>{@code upload_1g_seed_java}: the seeds' approach in Java: a {@code readLine()} and a {@code write()}
 *       per line, a server reading 1 KiB at a time and writing each read to the file;
 *   <li>{@code upload_1g_seed_python}: the same approach in Python ({@code bench/src/main/python}), if
 *       {@code python3} is on the PATH.
 * </ul>
 * The file is text (lines of 1 to 199 ASCII characters, 100 on average), so that the line-by-line
 * approach delivers it intact and every result can be checked. Runs alternate between the ways,
 * so a noisy neighbour slows all of them alike, and {@code sync} runs (untimed) before each
 * transfer, so none pays for the previous one's disk writes. Each figure is a median with its
 * spread; the upload/copy ratio is the median of each run's own ratio. Loopback only; every
 * server is stopped and every file deleted.
 */
public final class UploadBench implements Benchmark {

    private static final String GROUP = "lesson 03: upload 1 GiB";
    private static final long SIZE = Long.getLong("bench.upload.bytes", 1L << 30);
    private static final int RUNS = Integer.getInteger("bench.upload.runs", 5);
    /** One run of the seeds' way is enough: it is 10 to 20 times slower, far from any threshold. */
    private static final int SLOW_RUNS = Integer.getInteger("bench.upload.slowRuns", 1);
    private static final long PYTHON_TIMEOUT_S = 600;

    @Override
    public String name() {
        return "upload";
    }

    @Override
    public void run(Results results) throws Exception {
        String load = String.valueOf(BenchEnv.loadAverage());
        Path work = Files.createTempDirectory("workbook-upload-bench");
        try {
            Path source = work.resolve("source.txt");
            generateText(source, SIZE);
            Path uploads = Files.createDirectory(work.resolve("uploads"));
            Path python = BenchEnv.pythonScript("upload_seed_style.py").orElse(null);
            List<Double> copy = new ArrayList<>();
            List<Double> sha = new ArrayList<>();
            List<Double> loopback = new ArrayList<>();
            List<Double> reference = new ArrayList<>();
            List<Double> seedJava = new ArrayList<>();
            List<Double> seedPython = new ArrayList<>();
            try (UploadServer server = UploadServer.bind(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), uploads)) {
                Thread serving = Thread.ofPlatform().name("bench-upload-server").start(() -> serve(server));
                InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
                upload(source, address); // warm-up: JIT and page cache, not counted
                Files.delete(uploads.resolve(source.getFileName()));
                for (int run = 0; run < RUNS; run++) {
                    // Only the transfer is timed; deleting its result comes after. Before each, the
                    // dirty pages of the last one are flushed, so none pays for another's disk writes.
                    BenchEnv.settle();
                    copy.add(time(() -> Files.copy(source, uploads.resolve("copy.txt"))));
                    Files.delete(uploads.resolve("copy.txt"));
                    BenchEnv.settle();
                    sha.add(time(() -> sha256(source)));
                    loopback.add(time(() -> loopbackOnly(SIZE)));
                    reference.add(time(() -> upload(source, address)));
                    Files.delete(uploads.resolve(source.getFileName()));
                    if (run < SLOW_RUNS) {
                        boolean verify = run == 0;
                        BenchEnv.settle();
                        seedJava.add(time(() -> seedStyleJava(source, uploads)));
                        check(verify, source, uploads.resolve("seed-java.txt"));
                        if (python != null) {
                            BenchEnv.settle();
                            seedPython.add(time(() -> seedStylePython(python, source, uploads)));
                            check(verify, source, uploads.resolve(source.getFileName()));
                        }
                    }
                    System.out.printf("  run %d: copy %.2f s, sha256 %.2f s, loopback %.2f s, upload %.2f s%s%n",
                            run + 1, last(copy), last(sha), last(loopback), last(reference),
                            run < SLOW_RUNS ? String.format(", seed-style Java %.2f s%s", last(seedJava),
                                    python == null ? "" : String.format(", Python %.2f s", last(seedPython))) : "");
                }
                server.close();
                serving.join(5_000);
            }
            record(results, copy, sha, loopback, reference, seedJava, seedPython, python != null, load + " -> " + BenchEnv.loadAverage());
        } finally {
            deleteTree(work);
        }
    }

    private static void record(Results results, List<Double> copy, List<Double> sha, List<Double> loopback,
            List<Double> reference,
            List<Double> seedJava, List<Double> seedPython, boolean hasPython, String load) {
        Sample copySample = sample(copy);
        Sample uploadSample = sample(reference);
        Sample seedSample = sample(seedJava);
        results.add(GROUP, "copy_1g", copySample, "s", "Files.copy of the same file, same disk");
        results.add(GROUP, "sha256_1g", sample(sha), "s", "read and SHA-256 the file, once (each end of the upload does it once)");
        results.add(GROUP, "loopback_1g", sample(loopback), "s",
                "the same bytes from memory through a loopback connection into nothing: no file, no hash");
        results.add(GROUP, "upload_1g", uploadSample, "s", "reference client and server, loopback");
        results.add(GROUP, "upload_1g_seed_java", seedSample, "s", "readLine + write per line, 1 KiB reads");
        results.add(GROUP, "upload_1g_vs_copy_ratio", perRun(reference, copy), "x", "upload / copy of the same run");
        results.add(GROUP, "loopback_1g_vs_copy_ratio", perRun(loopback, copy), "x",
                "loopback alone / copy of the same run: the least any upload here can be");
        results.add(GROUP, "upload_1g_vs_loopback_ratio", perRun(reference, loopback), "x",
                "upload / loopback alone of the same run: what the file, the hashes and the frames add");
        results.derived(GROUP, "upload_1g_vs_sha256_ratio", uploadSample.median() / sample(sha).median(),
                "x", "the upload next to one read-and-hash pass (each end makes one, in parallel)");
        results.derived(GROUP, "upload_1g_seed_java_vs_upload_ratio", seedSample.median() / uploadSample.median(),
                "x", "how much slower the seeds' way is, in Java");
        if (hasPython) {
            Sample pythonSample = sample(seedPython);
            results.add(GROUP, "upload_1g_seed_python", pythonSample, "s", "the seeds' way in Python 3");
            results.derived(GROUP, "upload_1g_seed_python_vs_upload_ratio",
                    pythonSample.median() / uploadSample.median(), "x", "how much slower, in Python");
        }
        results.derived(GROUP, "upload_1g_runs", copy.size(), "runs", "load average (1 min) " + load);
    }

    /** The reference: UploadClient.upload to the reference server (which checks size and SHA-256). */
    private static void upload(Path source, InetSocketAddress server) throws IOException {
        Verdict verdict = UploadClient.upload(source, server, sent -> { });
        if (!verdict.ok()) {
            throw new IllegalStateException("the reference upload was refused: " + verdict.message());
        }
    }

    /** Reads the file a MiB at a time and hashes it, as each end of an upload does once. */
    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                sha.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /**
     * {@code size} bytes from one buffer through a loopback connection to a reader that drops them,
     * both 1 MiB at a time, as the reference client and server move them: the transfer alone.
     */
    private static void loopbackOnly(long size) throws Exception {
        overLoopback("bench-loopback-receiver", conn -> {
            InputStream in = conn.getInputStream();
            byte[] buffer = new byte[1 << 20];
            long received = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                received += n;
            }
            if (received != size) {
                throw new IOException("received " + received + " of " + size + " bytes");
            }
        }, client -> {
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[1 << 20];
            for (long sent = 0; sent < size; ) {
                int n = (int) Math.min(buffer.length, size - sent);
                out.write(buffer, 0, n);
                sent += n;
            }
        });
    }

    /** One side of a loopback connection. */
    @FunctionalInterface
    private interface End {
        void talk(Socket socket) throws IOException;
    }

    /**
     * Runs {@code receiver} on the accepted end (in a thread named {@code name}) and {@code sender} on
     * the connecting end, closes both, and throws what the receiver threw, if anything.
     */
    private static void overLoopback(String name, End receiver, End sender) throws Exception {
        java.util.concurrent.atomic.AtomicReference<IOException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread receiving = Thread.ofPlatform().name(name).start(() -> {
                try (Socket conn = listener.accept()) {
                    receiver.talk(conn);
                } catch (IOException e) {
                    failure.set(e);
                }
            });
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                sender.talk(client);
            }
            receiving.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** On the first run, checks that the seed-style upload delivered the file intact; then deletes it. */
    private static void check(boolean verify, Path source, Path received) throws IOException {
        if (verify && Files.mismatch(source, received) != -1) {
            throw new IllegalStateException("the seed-style upload changed the file: " + received);
        }
        Files.delete(received);
    }

    /** The seeds' approach in Java: one readLine() and one write() per line; 1 KiB reads on the other side. */
    private static void seedStyleJava(Path source, Path uploads) throws Exception {
        Path target = uploads.resolve("seed-java.txt");
        long size = Files.size(source);
        overLoopback("bench-seed-receiver", conn -> {
            try (InputStream in = conn.getInputStream(); OutputStream file = Files.newOutputStream(target)) {
                int headerLength = java.nio.ByteBuffer.wrap(in.readNBytes(4)).getInt();
                in.readNBytes(headerLength); // the JSON header: name and size, as in the seeds
                byte[] buffer = new byte[1024];
                for (long received = 0; received < size; ) {
                    int n = in.read(buffer);
                    if (n == -1) {
                        throw new IOException("the body ended after " + received + " bytes");
                    }
                    file.write(buffer, 0, n);
                    received += n;
                }
            }
        }, client -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(source),
                    StandardCharsets.UTF_8))) {
                OutputStream out = client.getOutputStream();
                byte[] header = ("{\"file_name\":\"seed-java.txt\",\"file_size\":" + size + "}")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(java.nio.ByteBuffer.allocate(4).putInt(header.length).array());
                out.write(header);
                for (String line; (line = lines.readLine()) != null; ) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        });
    }

    /** The seeds' approach in Python: the script's server and client, each in its own process. */
    private static void seedStylePython(Path script, Path source, Path uploads) throws Exception {
        Process server = new ProcessBuilder("python3", script.toString(), "server", uploads.toString())
                .redirectErrorStream(true).start();
        Process client = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            String first = out.readLine();
            if (first == null || !first.startsWith("PORT ")) {
                throw new IllegalStateException("the Python server said: " + first);
            }
            client = new ProcessBuilder("python3", script.toString(), "client", first.substring(5),
                    source.toString()).inheritIO().start();
            if (!client.waitFor(PYTHON_TIMEOUT_S, TimeUnit.SECONDS) || client.exitValue() != 0) {
                throw new IllegalStateException("the Python client failed or timed out");
            }
            String done = out.readLine();
            if (!server.waitFor(PYTHON_TIMEOUT_S, TimeUnit.SECONDS) || done == null
                    || !done.equals("DONE " + Files.size(source))) {
                throw new IllegalStateException("the Python server did not receive the whole file: " + done);
            }
        } finally {
            server.destroyForcibly();
            if (client != null) {
                client.destroyForcibly();
            }
        }
    }

    /**
     * Writes {@code size} bytes of text: lines of 1 to 199 printable ASCII characters, each ending in \n.
     * A 1 MiB block is made once; each copy gets its own first line, so no two MiB are alike.
     */
    static void generateText(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        Random random = new Random(3);
        String firstLine = "block 00000000\n";
        int at = firstLine.length();
        while (at < block.length) {
            int line = Math.min(1 + random.nextInt(199), block.length - at - 1);
            for (int i = 0; i < line; i++) {
                block[at++] = (byte) (' ' + random.nextInt(95));
            }
            block[at++] = '\n';
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0, index = 0; written < size; index++) {
                byte[] label = String.format("block %08d\n", index).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(label, 0, block, 0, label.length);
                int n = (int) Math.min(block.length, size - written);
                out.write(block, 0, n);
                written += n;
            }
        }
    }

    private static void serve(UploadServer server) {
        try {
            server.serveForever();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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

    private static double last(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    /** Each run's {@code top} over the same run's {@code bottom}: a busy neighbour slows both alike. */
    private static Sample perRun(List<Double> top, List<Double> bottom) {
        double[] ratios = new double[top.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = top.get(i) / bottom.get(i);
        }
        return Sample.of(ratios);
    }

    private static Sample sample(List<Double> values) {
        return Sample.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
