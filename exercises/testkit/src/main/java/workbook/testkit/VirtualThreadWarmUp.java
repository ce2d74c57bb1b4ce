package workbook.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the JDK's own virtual-thread machinery (carrier threads, I/O pollers, timers) before a class
 * of checks runs, so that {@link LeakCheck} does not take those JVM threads for the lesson's.
 *
 * <pre>{@code
 * @LessonChecks
 * @ExtendWith(VirtualThreadWarmUp.class)
 * class TcpServerTest { ... }
 * }</pre>
 * The first virtual thread that runs, sleeps or waits on a socket makes the JVM start platform threads
 * of its own (named like {@code ForkJoinPool-1-worker-1}, {@code MasterPoller}, {@code Read-Poller});
 * they stay for the life of the JVM. Warming up once, before any check counts threads, keeps them out of
 * every check's count.
 */
public final class VirtualThreadWarmUp implements BeforeAllCallback {

    private static boolean done;

    @Override
    public void beforeAll(ExtensionContext context) {
        warmUp();
    }

    /** Runs, once per JVM, as many virtual threads at once as there are carriers; each sleeps and waits on a socket. */
    public static synchronized void warmUp() {
        if (done) {
            return;
        }
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        CountDownLatch running = new CountDownLatch(carriers);
        List<Thread> threads = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, carriers, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < carriers; i++) {
                threads.add(Thread.ofVirtual().start(() -> exercise(running, server)));
            }
            for (int i = 0; i < carriers; i++) {
                try (Socket accepted = server.accept()) {
                    accepted.getOutputStream().write(1); // wakes one reader parked on the poller
                }
            }
            for (Thread t : threads) {
                t.join(2_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot warm up virtual threads on loopback", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        done = true;
    }

    /** Keeps a carrier busy until all are busy (so every carrier starts), then sleeps, then reads a socket. */
    private static void exercise(CountDownLatch running, ServerSocket server) {
        running.countDown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (running.getCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
            Thread.sleep(1);
            client.getInputStream().read();
        } catch (IOException e) {
            // the warm-up is best effort: a check will still run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
