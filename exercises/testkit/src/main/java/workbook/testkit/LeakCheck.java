package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a check that leaves a thread running or a socket open behind it.
 *
 * <p>Three looks, after each check, within {@link Timeouts#SHUTDOWN} in all:
 * <ol>
 * <li>every connection the check's client hung up ({@link Loopback#connect}) was closed by the other side
 * too ({@link HangUps}): a server that forgets to close an accepted socket fails here, on every platform;</li>
 * <li>no new thread is still running (JUnit's and the JVM's own housekeeping threads are not counted);</li>
 * <li>no new socket is still open, counted as well as the platform allows ({@link OpenDescriptors}).</li>
 * </ol>
 * Where a look cannot run on this platform, the output says so once. {@code -Dtestkit.procfs=false} makes
 * the testkit behave as if {@code /proc} were absent (as on macOS and Windows).
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {

    /** Threads the JVM, JUnit or Surefire start on their own; never the lesson's. */
    private static final List<String> HOUSEKEEPING = List.of("junit-", "surefire-", "process reaper", "Attach Listener",
            "Common-Cleaner", "ForkJoinPool.commonPool", "InnocuousThread", "Notification Thread", "Signal Dispatcher",
            "Finalizer", "Reference Handler", "JFR ", "RMI ", "Keep-Alive-Timer");

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheck.class);
    private static final AtomicBoolean LIMITATION_SAID = new AtomicBoolean();

    static {
        requireALineSeparator();
        warmUp();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String limitation = OpenDescriptors.HERE.limitation();
        if (!limitation.isEmpty() && LIMITATION_SAID.compareAndSet(false, true)) {
            System.out.println("[leak check] " + limitation); // once per test run (in IDEs and Surefire's output files)
            context.publishReportEntry("leak check", limitation);
        }
        context.getStore(NS).put("threads", Thread.getAllStackTraces().keySet());
        context.getStore(NS).put("descriptors", OpenDescriptors.HERE.snapshot());
        HangUps.watch();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        Set<Thread> before = context.getStore(NS).get("threads", Set.class);
        Object descriptorsBefore = context.getStore(NS).get("descriptors");
        long deadline = System.nanoTime() + Timeouts.SHUTDOWN.toNanos();
        List<String> notClosed = HangUps.expectClosedByPeers(deadline);
        Set<Thread> newThreads;
        int newDescriptors;
        while (true) {
            newThreads = newThreads(before);
            newDescriptors = OpenDescriptors.HERE.newSince(descriptorsBefore);
            if (newThreads.isEmpty() && newDescriptors == 0 || System.nanoTime() >= deadline) {
                break;
            }
            Patience.pause(20);
        }
        if (notClosed.isEmpty() && newThreads.isEmpty() && newDescriptors == 0) {
            return;
        }
        StringBuilder report = new StringBuilder("This check left things running behind it ("
                + Timeouts.SHUTDOWN.toSeconds() + " s after it ended):");
        notClosed.forEach(line -> report.append('\n').append(line));
        for (Thread t : newThreads) {
            report.append("\n- thread '").append(t.getName()).append("', at:\n").append(Stacks.show(t.getStackTrace()));
        }
        if (newDescriptors > 0) {
            String unit = OpenDescriptors.HERE.unit();
            report.append("\n- ").append(newDescriptors).append(' ').append(unit).append(newDescriptors == 1 ? "" : "s")
                    .append(" still open");
        }
        report.append("\nEvery socket must be closed (try-with-resources), also the ones accept() returned,"
                + " and close() must stop every thread it started.");
        String limitation = OpenDescriptors.HERE.limitation();
        if (!limitation.isEmpty()) {
            report.append("\n(").append(limitation).append(')');
        }
        fail(report.toString());
    }

    /**
     * No platform ends lines with nothing; an empty line.separator comes from {@code -DargLine} with a CR LF
     * in it, which Surefire turns into spaces. Say so, instead of failing every check that reads lines.
     */
    private static void requireALineSeparator() {
        if (System.lineSeparator().isEmpty()) {
            throw new IllegalStateException("line.separator is empty, which no platform has: Surefire turns a CR LF"
                    + " given in -DargLine into spaces. To run the checks as on Windows, give the JVM options in an"
                    + " argument file: -DargLine=@.ci/foreign-platform.args (with its absolute path); see .ci/run.");
        }
    }

    /**
     * Opens, before the first check counts anything, what the JVM opens once and keeps open: a socket of
     * its own the first time any socket is made (a probe of what the machine supports), the random
     * device behind temporary file names, and the class path's jars (the class loader opens each one
     * the first time it looks in it).
     */
    private static void warmUp() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket accepted = server.accept();
                DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use loopback networking here", e);
        }
        try {
            new SecureRandom().nextInt();
            Path temporary = Files.createTempFile("leak-check", ".tmp");
            Files.delete(temporary);
            ClassLoader loader = LeakCheck.class.getClassLoader();
            Collections.list(loader.getResources("META-INF/MANIFEST.MF"));
            Collections.list(loader.getResources("workbook"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the leak check", e);
        }
    }

    private static Set<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !before.contains(t))
                .filter(t -> HOUSEKEEPING.stream().noneMatch(prefix -> t.getName().startsWith(prefix)))
                .collect(Collectors.toSet());
    }
}
