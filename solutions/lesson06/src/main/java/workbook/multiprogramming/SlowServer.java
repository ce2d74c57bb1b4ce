package workbook.multiprogramming;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers every request after a fixed delay, like a slow disk or a server
 * far away: the I/O that {@link ConcurrencyExperiment}'s I/O-bound tasks wait for.
 *
 * <pre>
 *   client: connect, send one byte '?'     server: read it, wait {@code delay}, send '!', close
 * </pre>
 * It serves each connection on its own thread (lesson 05), so many requests can wait at once.
 */
final class SlowServer implements Closeable {

    private final ServerSocket listener;
    private final Duration delay;
    private final List<Thread> answering = new ArrayList<>();
    /** Requests being waited on right now, and the most there ever were at once. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private Thread acceptor;

    private SlowServer(ServerSocket listener, Duration delay) {
        this.listener = listener;
        this.delay = delay;
    }

    /** Binds a free port on the loopback interface and starts answering. */
    static SlowServer start(Duration delay) throws IOException {
        SlowServer server = new SlowServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), delay);
        server.acceptor = Thread.ofPlatform().name("slow-server-accept").start(server::acceptLoop);
        return server;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The most requests that were ever waiting for their answer at the same time: 1 if they never overlapped. */
    int mostRequestsWaitingAtOnce() {
        return mostAtOnce.get();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket client = listener.accept();
                answerOnNewThread(client);
            }
        } catch (SocketException closed) {
            // close() was called: stop accepting
        } catch (IOException e) {
            System.err.println("[slow server] accept failed: " + e); // the kind, even without a message
        }
    }

    private void answer(Socket client) {
        try (client) {
            client.getInputStream().read();
            mostAtOnce.accumulateAndGet(waiting.incrementAndGet(), Math::max);
            try {
                Thread.sleep(delay);
            } finally {
                waiting.decrementAndGet();
            }
            client.getOutputStream().write('!');
        } catch (IOException | InterruptedException e) {
            // the client left, or the server is closing: nothing more to say
        }
    }

    private synchronized void answerOnNewThread(Socket client) {
        answering.add(Thread.ofPlatform().name("slow-server-answer").start(() -> answer(client)));
    }

    /** Stops accepting and waits for every answer in progress to end. */
    @Override
    public void close() throws IOException {
        listener.close();
        await(acceptor);
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(answering);
        }
        for (Thread t : all) {
            await(t);
        }
    }

    private void await(Thread t) throws IOException {
        try {
            if (!t.join(delay.plusSeconds(2))) {
                throw new IOException("slow server thread " + t.getName() + " did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the slow server", e);
        }
    }
}
