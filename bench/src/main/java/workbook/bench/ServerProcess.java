package workbook.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server under measurement, in a process of its own: started, asked for its port (and heap), and
 * stopped by closing its standard input, so it cannot outlive the benchmark.
 *
 * <pre>
 *   PORT 40123        the server's first answer, once it listens on 127.0.0.1
 *   heap              a command on its standard input (Java servers only)
 *   HEAP 12345678     bytes of heap in use after a full GC
 * </pre>
 * Its other output is read and dropped, so that it never blocks on a full pipe; its standard
 * error goes to {@code bench/target/server-NAME.err}.
 */
final class ServerProcess implements AutoCloseable {

    final String name;
    private final Process process;
    private final OutputStream commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final int port;

    private ServerProcess(String name, List<String> command) throws IOException, InterruptedException {
        this.name = name;
        Path errors = BenchEnv.target().resolve("server-" + name + ".err");
        Files.createDirectories(errors.getParent());
        this.process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        this.commands = process.getOutputStream();
        Thread reader = new Thread(() -> readAnswers(process.getInputStream()), "bench-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = answers.poll(30, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IOException("The " + name + " server did not report its port; see " + errors);
        }
        this.port = Integer.parseInt(first.substring(5).trim());
    }

    /** A Java server of the bench ({@code mainClass} with {@code args}) on this JVM's own java and class path. */
    static ServerProcess java(String name, String mainClass, String... args) throws IOException, InterruptedException {
        return java(name, List.of(), mainClass, args);
    }

    /** The same, with extra options for its JVM, such as {@code -Djdk.virtualThreadScheduler.parallelism=1}. */
    static ServerProcess java(String name, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ServerProcess(name, command);
    }

    /** A Python server from bench/src/main/python, or empty (with a note) if python3 cannot run it here. */
    static Optional<ServerProcess> python(String name, String script, String... args) throws InterruptedException {
        Optional<Path> path = BenchEnv.pythonScript(script);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of("python3", path.get().toString()));
        command.addAll(List.of(args));
        try {
            return Optional.of(new ServerProcess(name, command));
        } catch (IOException e) {
            System.out.println("  (no Python figures: " + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** Any other server program ({@code command}: the program and its arguments) that answers PORT as above. */
    static ServerProcess command(String name, List<String> command) throws IOException, InterruptedException {
        return new ServerProcess(name, command);
    }

    /** Keeps the answers (PORT, HEAP) and drops the server's own log lines. */
    private void readAnswers(InputStream out) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("PORT ") || line.startsWith("HEAP ")) {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    long heapBytes() throws IOException, InterruptedException {
        commands.write("heap\n".getBytes(StandardCharsets.US_ASCII));
        commands.flush();
        String answer = answers.poll(30, TimeUnit.SECONDS);
        if (answer == null || !answer.startsWith("HEAP ")) {
            throw new IOException("The " + name + " server did not report its heap");
        }
        return Long.parseLong(answer.substring(5).trim());
    }

    /** The process id (to pin it to a CPU, or to ask the JDK about it). */
    long pid() {
        return process.pid();
    }

    /**
     * CPU time the whole process has used (user + system, threads that ended included), as the JDK
     * reports it for any process; 0 where the platform does not say.
     */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** VmRSS from /proc, in KiB (0 where /proc is not there). */
    long rssKib() throws IOException {
        Path status = Path.of("/proc/" + process.pid() + "/status");
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
    }

    /** Closes the server's input (it stops on end of input), and makes sure the process is gone. */
    @Override
    public void close() throws IOException, InterruptedException {
        commands.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
