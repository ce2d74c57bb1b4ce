package workbook.socketserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static workbook.socketserver.Checks.serve;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.Bytes;
import workbook.testkit.Calls;
import workbook.testkit.Diagnostics;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.Timeouts;
import workbook.testkit.VirtualThreadWarmUp;

/** The checks for the framework over UDP: each one sends datagrams to a UdpServer with a handler of the check's own. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread threads are not the lesson's
@DisplayName("Lesson 05 · UdpServer (steps 1 to 4)")
class UdpServerTest {

    /** Answers each datagram upper-cased; "boom" makes it throw, "loop" makes it loop like the seed's handler. */
    static final class UpperUdp extends RequestHandler<Datagram> {
        static final BlockingQueue<Thread> THREADS = new LinkedBlockingQueue<>();

        @Override
        protected void handle() throws IOException {
            THREADS.add(Thread.currentThread());
            String text = new String(request().data(), StandardCharsets.ISO_8859_1);
            if (text.equals("boom")) {
                throw new IllegalStateException("boom: a bug in the handler");
            }
            byte[] reply = text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
            if (text.equals("loop")) {
                while (true) { // the seed's bug: a loop around the reply in a UDP handler
                    request().reply(reply);
                }
            }
            request().reply(reply);
        }
    }

    /** A UdpServer that keeps what handleError() was given. */
    static final class RecordingUdpServer extends UdpServer {
        final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

        RecordingUdpServer() throws IOException {
            super(Loopback.anyPort(), UpperUdp::new);
        }

        @Override
        protected void handleError(Datagram request, Throwable error) {
            super.handleError(request, error);
            errors.add(error);
        }

        Throwable awaitError(String after) throws InterruptedException {
            Throwable error = errors.poll(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
            if (error == null) {
                Diagnostics.snapshot();
                fail("After " + after + ", handleError() was not called within " + Timeouts.REPLY.toSeconds()
                        + " s. The server must report a failing request with handleError(), and go on serving.");
            }
            return error;
        }
    }

    /** A UDP client on loopback with a receive timeout. */
    static final class Client implements AutoCloseable {
        final DatagramSocket socket;
        final String name;

        Client(String name) throws IOException {
            this.name = name;
            this.socket = new DatagramSocket(Loopback.anyPort());
        }

        void send(int port, byte[] data) throws IOException {
            socket.send(new DatagramPacket(data, data.length, Loopback.address(port)));
        }

        void send(int port, String text) throws IOException {
            send(port, text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** The next datagram's bytes, or null if none arrives within {@code patience}. */
        byte[] receive(Duration patience) throws IOException {
            DatagramPacket packet = new DatagramPacket(new byte[Datagram.MAX_SIZE + 1], Datagram.MAX_SIZE + 1);
            socket.setSoTimeout((int) patience.toMillis());
            try {
                socket.receive(packet);
                return Arrays.copyOf(packet.getData(), packet.getLength());
            } catch (SocketTimeoutException e) {
                return null;
            }
        }

        /** Fails unless the next datagram, within {@link Timeouts#REPLY}, is exactly {@code expected}. */
        void expect(byte[] expected, String what) throws IOException {
            byte[] got = receive(Timeouts.REPLY);
            if (got == null) {
                Diagnostics.snapshot();
                fail("No datagram arrived at %s within %d s; expected %s:%n%s%s", name, Timeouts.REPLY.toSeconds(),
                        what, Bytes.show(expected), Checks.serveLoop());
            }
            if (!Arrays.equals(expected, got)) {
                Diagnostics.snapshot();
                fail("Wrong datagram for %s at %s.%n%s", what, name, Bytes.compare(expected, List.of(got)));
            }
        }

        void expect(String expected, String what) throws IOException {
            expect(expected.getBytes(StandardCharsets.ISO_8859_1), what);
        }

        SocketAddress address() {
            return socket.getLocalSocketAddress();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static UdpServer upperUdpServer() throws IOException {
        UpperUdp.THREADS.clear();
        return new UdpServer(Loopback.anyPort(), UpperUdp::new);
    }

    // ---------------------------------------------------------------- step 1

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a UdpServer binds loopback on port 0 and answers datagrams of 0 to 65507 bytes through its handler")
    void answersDatagramsThroughAHandler() throws Exception {
        try (var server = serve(upperUdpServer()); Client client = new Client("the client")) {
            assertThat(server.server().address().getAddress().isLoopbackAddress())
                    .as("the server was asked to bind 127.0.0.1; address() says %s", server.server().address()).isTrue();
            client.send(server.port(), "hello, udp");
            client.expect("HELLO, UDP", "the reply to \"hello, udp\"");
            client.send(server.port(), new byte[0]);
            client.expect(new byte[0], "the reply to an empty datagram (an empty datagram is a legal request)");
            byte[] largest = new byte[Datagram.MAX_SIZE];
            for (int i = 0; i < largest.length; i++) {
                largest[i] = (byte) ('a' + i % 26);
            }
            client.send(server.port(), largest);
            client.expect(new String(largest, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT),
                    "the reply to a datagram of 65507 bytes, the largest there is");
        }
    }

    // ---------------------------------------------------------------- step 2

    /** Replies "together" if the four datagrams' handlers all ran at the same moment, "alone" if not. */
    static final class Together extends RequestHandler<Datagram> {
        static volatile CountDownLatch arrived;

        @Override
        protected void handle() throws IOException {
            arrived.countDown();
            boolean together;
            try {
                together = arrived.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                together = false;
            }
            request().reply((together ? "together" : "alone").getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: datagrams from four clients are handled at the same time")
    void datagramsFromSeveralClientsAtOnce() throws Exception {
        int clients = 4;
        Together.arrived = new CountDownLatch(clients);
        List<Client> all = new ArrayList<>();
        try (var server = serve(new UdpServer(Loopback.anyPort(), Together::new))) {
            try {
                for (int i = 1; i <= clients; i++) {
                    all.add(new Client("client " + i));
                }
                for (Client c : all) {
                    c.send(server.port(), "are we together?");
                }
                for (Client c : all) {
                    c.expect("together", "the reply to " + c.name + ": each handler waits up to 1 s for all " + clients
                            + " handlers to be running, and says \"alone\" if they never were at the same moment");
                }
            } finally {
                all.forEach(Client::close);
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: by default each datagram's handler runs on a virtual thread")
    void udpHandlersRunOnVirtualThreadsByDefault() throws Exception {
        try (var server = serve(upperUdpServer()); Client client = new Client("the client")) {
            client.send(server.port(), "which thread?");
            client.expect("WHICH THREAD?", "the reply to \"which thread?\"");
            Thread thread = UpperUdp.THREADS.poll(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(thread).as("the thread the handler ran on").isNotNull();
            if (!thread.isVirtual()) {
                fail("The handler ran on platform thread '%s'%s. With the default options it should run on a virtual"
                        + " thread of its own.", thread.getName(),
                        thread.getName().startsWith("server-under-test") ? ", which is the serve loop's own thread" : "");
            }
        }
    }

    // ---------------------------------------------------------------- step 3

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a UDP handler that throws on one datagram is reported, and the next datagrams are answered")
    void udpHandlerExceptionIsReported() throws Exception {
        try (var server = serve(new RecordingUdpServer()); Client client = new Client("the client")) {
            client.send(server.port(), "boom");
            Throwable error = server.server().awaitError("the handler threw on the datagram \"boom\"");
            assertThat(error).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom");
            server.assertNotCrashed("a handler threw on the datagram \"boom\"");
            client.send(server.port(), "next");
            client.expect("NEXT", "the reply to the datagram after the one whose handler threw");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: the seed's loop inside a UDP handler sends one reply, is stopped and reported, and serving goes on")
    void loopInsideAUdpHandlerIsStopped() throws Exception {
        try (var server = serve(new RecordingUdpServer()); Client client = new Client("the client")) {
            client.send(server.port(), "loop");
            client.expect("LOOP", "the one reply to \"loop\"");
            Throwable error = server.server().awaitError("a handler replied twice to one datagram");
            assertThat(error).as("the error given to handleError()").isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("answered already");
            byte[] extra = client.receive(Duration.ofMillis(100));
            assertThat(extra).as("a second reply to the same datagram").isNull();
            server.assertNotCrashed("a handler looped on its reply");
            client.send(server.port(), "after");
            client.expect("AFTER", "the reply to the datagram after the looping handler");
        }
    }

    // ---------------------------------------------------------------- step 4

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a UdpServer's shutdown() returns within 2 s, and its port can be bound again at once")
    void udpShutdownAndRebind() throws Exception {
        try (var server = serve(upperUdpServer()); Client client = new Client("the client")) {
            client.send(server.port(), "first");
            client.expect("FIRST", "the reply before shutdown()");
            Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "shutdown() of the UdpServer", server.server()::shutdown);
            server.expectEnd(Duration.ofMillis(500), "shutdown() of the UdpServer returned");
            try (var again = serve(new UdpServer(Loopback.address(server.port()), UpperUdp::new))) {
                client.send(again.port(), "again");
                client.expect("AGAIN", "the reply from a new server on the same port");
            } catch (java.net.BindException e) {
                fail("After shutdown(), a new UdpServer could not bind port %d again: %s. Is the old socket still open?",
                        server.port(), e.getMessage());
            }
        }
    }
}
