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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a check that leaves a thread running or a socket open behind it.
 *
 * <p>Before each check it notes the live threads and (on Linux, from {@code /proc/self/fd}) the open
 * sockets; after the check it waits up to {@link Timeouts#SHUTDOWN} for anything new to go away.
 * A server whose {@code close()} forgets a connection, or a thread nobody stops, shows up here.
 * JUnit's and the JVM's own housekeeping threads are not counted.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {

    /** Threads the JVM, JUnit or Surefire start on their own; never the lesson's. */
    private static final List<String> HOUSEKEEPING = List.of("junit-", "surefire-", "process reaper", "Attach Listener",
            "Common-Cleaner", "ForkJoinPool.commonPool", "InnocuousThread", "Notification Thread", "Signal Dispatcher",
            "Finalizer", "Reference Handler", "JFR ", "RMI ", "Keep-Alive-Timer");
    private static final Path FDS = Path.of("/proc/self/fd");

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheck.class);

    static {
        warmUpNetworking();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("threads", Thread.getAllStackTraces().keySet());
        context.getStore(NS).put("sockets", openSockets());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        Set<Thread> before = context.getStore(NS).get("threads", Set.class);
        Set<String> socketsBefore = context.getStore(NS).get("sockets", Set.class);
        long deadline = System.nanoTime() + Timeouts.SHUTDOWN.toNanos();
        Set<Thread> newThreads;
        Set<String> newSockets;
        do {
            newThreads = newThreads(before);
            newSockets = new HashSet<>(openSockets());
            newSockets.removeAll(socketsBefore);
            if (newThreads.isEmpty() && newSockets.isEmpty()) {
                return;
            }
            sleep(20);
        } while (System.nanoTime() < deadline);

        StringBuilder report = new StringBuilder("This check left things running behind it ("
                + Timeouts.SHUTDOWN.toSeconds() + " s after it ended):");
        for (Thread t : newThreads) {
            report.append("\n- thread '").append(t.getName()).append("', at:\n").append(Stacks.show(t.getStackTrace()));
        }
        if (!newSockets.isEmpty()) {
            report.append("\n- ").append(newSockets.size()).append(newSockets.size() == 1 ? " socket" : " sockets")
                    .append(" still open");
        }
        report.append("\nEvery socket must be closed (try-with-resources) and close() must stop every thread it started.");
        fail(report.toString());
    }

    /**
     * The JDK opens a socket of its own, for good, the first time any socket is made (a probe of
     * what the machine supports). Make it happen before the first check counts sockets.
     */
    private static void warmUpNetworking() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket accepted = server.accept();
                DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use loopback networking here", e);
        }
    }

    private static Set<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !before.contains(t))
                .filter(t -> HOUSEKEEPING.stream().noneMatch(prefix -> t.getName().startsWith(prefix)))
                .collect(Collectors.toSet());
    }

    /** The open socket descriptors ("socket:[inode]"), or an empty set where /proc is not available. */
    private static Set<String> openSockets() {
        if (!Files.isDirectory(FDS)) {
            return Set.of();
        }
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.map(LeakCheck::target).filter(t -> t.startsWith("socket:")).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed while we looked
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
