package workbook.socketserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static workbook.socketserver.Checks.connect;
import static workbook.socketserver.Checks.roundTrip;
import static workbook.socketserver.Checks.send;
import static workbook.socketserver.Checks.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.socketserver.TcpServerTest.RecordingServer;
import workbook.socketserver.TcpServerTest.UpperEcho;
import workbook.testkit.Calls;
import workbook.testkit.Diagnostics;
import workbook.testkit.Expect;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.Timeouts;
import workbook.testkit.VirtualThreadWarmUp;

/**
 * The framework's hooks, options and strategies, its refusals and its reports: what a server built
 * on it promises beyond echoing, each seen from outside (bytes on the wire, what it reports).
 */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread threads are not the lesson's
@DisplayName("Lesson 05 · hooks, options and reports (steps 1 to 4)")
class HooksAndOptionsTest {

    /** What a handler saw of its request, its client and its server. */
    record Seen(Socket request, SocketAddress client, BaseServer<Socket> server) {
    }

    /** Records what it sees, writes "ok" and returns. */
    static final class Observer extends RequestHandler<Socket> {
        static final BlockingQueue<Seen> SEEN = new LinkedBlockingQueue<>();

        @Override
        protected void handle() throws IOException {
            SEEN.add(new Seen(request(), clientAddress(), server()));
            request().getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
        }
    }

    // ---------------------------------------------------------------- step 1: hooks and options

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a handler knows its request (the connection), its client's address and its server")
    void handlerKnowsItsRequestClientAndServer() throws Exception {
        Observer.SEEN.clear();
        try (var server = serve(new TcpServer(Loopback.anyPort(), Observer::new));
                Socket client = connect(server.port(), "the client")) {
            Expect.reply(client, "ok", "what the handler wrote");
            Seen seen = Observer.SEEN.poll(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(seen).as("what the handler saw").isNotNull();
            assertThat(seen.client()).as("clientAddress(): the client's own address").isEqualTo(client.getLocalSocketAddress());
            assertThat(seen.request().getRemoteSocketAddress()).as("request(): the connection to that client")
                    .isEqualTo(client.getLocalSocketAddress());
            assertThat(seen.server()).as("server(): the server that accepted the request").isSameAs(server.server());
            assertThat(seen.server().options().threading()).as("server().options(): the server's threading, as a"
                    + " handler reads it").hasToString("virtual threads");
        }
    }

    /** A server whose verifyRequest() turns the first client away. */
    static final class TurnsFirstAway extends TcpServer {
        private final AtomicBoolean turnedAway = new AtomicBoolean();

        TurnsFirstAway(Supplier<? extends RequestHandler<Socket>> handlers) throws IOException {
            super(Loopback.anyPort(), handlers);
        }

        @Override
        protected boolean verifyRequest(Socket request) {
            return !turnedAway.compareAndSet(false, true);
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a request verifyRequest() turns away is closed without a handler; the next is served")
    void verifyRequestCanTurnAClientAway() throws Exception {
        AtomicInteger handlersMade = new AtomicInteger();
        try (var server = serve(new TurnsFirstAway(() -> {
            handlersMade.incrementAndGet();
            return new UpperEcho();
        }))) {
            try (Socket turnedAway = connect(server.port(), "the client verifyRequest() turns away")) {
                Checks.expectClosed(turnedAway, "the connection verifyRequest() said no to");
            }
            assertThat(handlersMade.get()).as("handlers made for a request verifyRequest() said no to").isZero();
            try (Socket next = connect(server.port(), "the next client")) {
                roundTrip(next, "welcome", "the reply to the client after the one turned away");
            }
            assertThat(handlersMade.get()).as("handlers made once the next client was served").isEqualTo(1);
        }
    }

    /** Records setup, handle, finish; handle() fails with an I/O error after the client's first bytes. */
    static final class GivesUp extends RequestHandler<Socket> {
        static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

        @Override
        protected void setup() {
            EVENTS.add("setup");
        }

        @Override
        protected void handle() throws IOException {
            EVENTS.add("handle");
            request().getInputStream().read();
            throw new IOException(); // no message: the report must still say what happened
        }

        @Override
        protected void finish() {
            EVENTS.add("finish");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: finish() runs even when handle() throws, and the connection is then closed")
    void finishRunsWhenHandleThrows() throws Exception {
        GivesUp.EVENTS.clear();
        try (var server = serve(new TcpServer(Loopback.anyPort(), GivesUp::new));
                Socket client = connect(server.port(), "the client")) {
            Checks.Printed printed = Checks.stderrOf(() -> {
                send(client, "x");
                Checks.expectClosed(client, "the connection whose handle() threw");
                return client.getLocalSocketAddress();
            });
            if (!printed.output().isEmpty()) { // the report may come a moment after the close
                Checks.expectReport(printed.output(), "lost " + printed.client(),
                        "handle() threw an IOException without a message");
                assertThat(printed.output()).as("the report names the kind of error").contains("IOException");
            }
            List<String> events = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String event = GivesUp.EVENTS.poll(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    break;
                }
                events.add(event);
            }
            assertThat(events).as("the handler's hooks when handle() throws").containsExactly("setup", "handle", "finish");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: serveForever() runs once per server: a second call, or a call after close(), is refused at once")
    void serveForeverRunsOnce() throws Exception {
        try (var server = serve(new TcpServer(Loopback.anyPort(), UpperEcho::new))) {
            try (Socket client = connect(server.port(), "the client")) {
                roundTrip(client, "serving", "the reply while serveForever() runs");
            }
            Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "a second serveForever() on a serving server", () ->
                    assertThatThrownBy(server.server()::serveForever).as("a second serveForever()")
                            .isInstanceOf(IllegalStateException.class).hasMessageContaining("serving already"));
        }
        TcpServer closed = new TcpServer(Loopback.anyPort(), UpperEcho::new);
        Checks.Printed printed = Checks.stderrOf(() -> {
            Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "close() on a server that never served", closed::close);
            return null;
        });
        assertThat(printed.output()).as("what close() printed on a server whose serveForever() never ran: there is"
                + " no serve loop to wait for").isEmpty();
        Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "serveForever() on a closed server", () ->
                assertThatThrownBy(closed::serveForever).as("serveForever() after close()")
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed"));
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: threading strategies by name (virtual, platform, pool:N); a bad name or size is refused")
    void strategiesByName() {
        assertThat(ThreadingStrategy.named("virtual")).as("named(\"virtual\")").hasToString("virtual threads");
        assertThat(ThreadingStrategy.named("platform")).as("named(\"platform\")").hasToString("platform threads");
        assertThat(ThreadingStrategy.named("pool:3")).as("named(\"pool:3\")").hasToString("a pool of 3 threads");
        assertThat(ThreadingStrategy.boundedPool(1)).as("boundedPool(1)").hasToString("a pool of 1 thread");
        assertThatThrownBy(() -> ThreadingStrategy.boundedPool(0)).as("boundedPool(0)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> ThreadingStrategy.named("pool:many")).as("named(\"pool:many\")")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ThreadingStrategy.named("fibres")).as("named(\"fibres\")")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("virtual, platform or pool:N");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: server options: the defaults, each with... changes one knob, a backlog must be positive")
    void serverOptions() {
        ServerOptions defaults = ServerOptions.defaults();
        assertThat(defaults.threading()).as("the default threading").hasToString("virtual threads");
        assertThat(defaults.allowReuseAddress()).as("allowReuseAddress by default").isTrue();
        assertThat(defaults.requestQueueSize()).as("the default backlog").isEqualTo(50);
        ServerOptions changed = defaults.withAllowReuseAddress(false).withRequestQueueSize(1)
                .withThreading(ThreadingStrategy.platformThreads());
        assertThat(changed.allowReuseAddress()).as("withAllowReuseAddress(false)").isFalse();
        assertThat(changed.requestQueueSize()).as("withRequestQueueSize(1)").isEqualTo(1);
        assertThat(changed.threading()).as("withThreading(platformThreads())").hasToString("platform threads");
        assertThatThrownBy(() -> defaults.withRequestQueueSize(0)).as("withRequestQueueSize(0)")
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- step 3: refusals and reports

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a full pool refuses a connection: that client is cut off, one line says so, the others are served")
    void fullPoolRefusesOneClientWithOneLine() throws Exception {
        Checks.Printed printed;
        try (var server = serve(new RecordingServer(UpperEcho::new, ThreadingStrategy.boundedPool(1)))) {
            Socket served = connect(server.port(), "client A (served by the pool's one thread)");
            try (Socket queued = connect(server.port(), "client B (waits in the pool's queue of 1)")) {
                try (served) {
                    roundTrip(served, "a", "the reply to client A");
                    send(queued, "b");
                    printed = Checks.stderrOf(() -> {
                        try (Socket refused = connect(server.port(), "client C (one more than the pool holds)")) {
                            Checks.expectClosed(refused, "client C's connection, which a full pool must refuse");
                            server.server().awaitError("a full pool refused client C");
                            return refused.getLocalSocketAddress();
                        }
                    });
                    server.assertNotCrashed("a full pool refused a client");
                    roundTrip(served, "still here", "the reply to client A after client C was refused");
                } // A leaves: the pool's thread is free for B
                Expect.reply(queued, "B", "the reply to client B, who waited in the queue until client A left");
            }
        }
        Checks.expectReport(printed.output(), "refused " + printed.client(), "a full pool refused a connection");
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a client that resets its connection gets one log line naming it, not a stack trace")
    void resetIsOneLine() throws Exception {
        try (var server = serve(new RecordingServer(UpperEcho::new, ThreadingStrategy.virtualThreads()))) {
            Checks.Printed printed = Checks.stderrOf(() -> {
                Socket client = connect(server.port(), "the client that resets");
                roundTrip(client, "bye", "the reply before the reset");
                SocketAddress who = client.getLocalSocketAddress();
                Loopback.reset(client);
                server.server().awaitError("a client reset its connection");
                return who;
            });
            Checks.expectReport(printed.output(), "lost " + printed.client(), "a client reset its connection");
            assertThat(printed.output()).as("the report says what happened").containsIgnoringCase("reset");
            try (Socket next = connect(server.port(), "the next client")) {
                roundTrip(next, "next", "the reply to the client after the reset");
            }
        }
    }

    /** Replies to a datagram with more bytes than a datagram can carry. */
    static final class OversizeReply extends RequestHandler<Datagram> {
        @Override
        protected void handle() throws IOException {
            if (request().data().length == 0) {
                request().reply(new byte[Datagram.MAX_SIZE + 1]);
            }
            request().reply("fine".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A UdpServer that keeps what handleError() was given. */
    static final class RecordingUdp extends UdpServer {
        final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

        RecordingUdp(Supplier<? extends RequestHandler<Datagram>> handlers) throws IOException {
            super(Loopback.anyPort(), handlers);
        }

        @Override
        protected void handleError(Datagram request, Throwable error) {
            super.handleError(request, error);
            errors.add(error);
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a UDP reply longer than 65507 bytes is refused and reported, and serving goes on")
    void oversizeUdpReplyIsRefused() throws Exception {
        try (var server = serve(new RecordingUdp(OversizeReply::new));
                UdpServerTest.Client client = new UdpServerTest.Client("the client")) {
            client.send(server.port(), new byte[0]);
            Throwable error = server.server().errors.poll(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(error).as("the error handleError() got for a reply of 65508 bytes")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65507");
            assertThat(client.receive(Duration.ofMillis(200))).as("a datagram after the refused reply").isNull();
            server.assertNotCrashed("a handler's reply was too long");
            client.send(server.port(), "next");
            client.expect("fine", "the reply to the next datagram");
        }
    }

    /** Upper-cases a datagram it changed through data(): data() must have given it a copy. */
    static final class ChangesItsCopy extends RequestHandler<Datagram> {
        @Override
        protected void handle() throws IOException {
            byte[] mine = request().data();
            java.util.Arrays.fill(mine, (byte) '#');
            request().reply(request().data());
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a Datagram's data() is a copy: changing it does not change the request")
    void datagramDataIsACopy() throws Exception {
        try (var server = serve(new UdpServer(Loopback.anyPort(), ChangesItsCopy::new));
                UdpServerTest.Client client = new UdpServerTest.Client("the client")) {
            client.send(server.port(), "unchanged");
            client.expect("unchanged", "the reply: data() again after the handler overwrote its first copy");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a handler factory that returns null, or the same handler twice, is reported; serving goes on")
    void brokenHandlerFactoriesAreReported() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        UpperEcho shared = new UpperEcho();
        try (var server = serve(new RecordingServer(() -> switch (calls.incrementAndGet()) {
            case 1 -> null;
            case 2, 3 -> shared;
            default -> new UpperEcho();
        }, ThreadingStrategy.virtualThreads()))) {
            try (Socket first = connect(server.port(), "the client whose handler factory returned null")) {
                Checks.expectClosed(first, "the connection with no handler");
                assertThat(server.server().awaitError("the handler factory returned null").error())
                        .as("the error reported for a null handler").isInstanceOf(NullPointerException.class);
            }
            try (Socket second = connect(server.port(), "the client served by the shared handler")) {
                roundTrip(second, "first use", "the reply from a handler's first request");
            }
            try (Socket third = connect(server.port(), "the client given the same handler again")) {
                Checks.expectClosed(third, "the connection given a handler that served a request already");
                assertThat(server.server().awaitError("the factory returned a used handler").error())
                        .as("the error reported for a used handler").isInstanceOf(IllegalStateException.class);
            }
            server.assertNotCrashed("the handler factory misbehaved");
            try (Socket next = connect(server.port(), "the next client")) {
                roundTrip(next, "fresh", "the reply from a fresh handler");
            }
        }
    }

    // ---------------------------------------------------------------- step 4: close and options

    /** Waits on something that is not its connection: only an interrupt ends it. */
    static final class WaitsElsewhere extends RequestHandler<Socket> {
        static final CountDownLatch STARTED = new CountDownLatch(1);
        static volatile boolean interrupted;

        @Override
        protected void handle() throws IOException {
            request().getOutputStream().write("waiting".getBytes(StandardCharsets.US_ASCII));
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: close() ends a handler that waits on something other than its connection, by interrupting it")
    void closeInterruptsAHandlerThatWaitsElsewhere() throws Exception {
        WaitsElsewhere.interrupted = false;
        BaseServer<Socket> closed;
        Checks.Printed printed;
        try (var server = serve(new TcpServer(Loopback.anyPort(), WaitsElsewhere::new,
                ServerOptions.defaults().withThreading(ThreadingStrategy.platformThreads())));
                Socket client = connect(server.port(), "the client")) {
            closed = server.server();
            Expect.reply(client, "waiting", "what the handler wrote before it waits");
            printed = Checks.stderrOf(() -> {
                server.server().close();
                return null;
            });
        }
        assertThat(printed.output()).as("what close() printed, although the interrupt ended every handler").isEmpty();
        assertThat(WaitsElsewhere.interrupted).as("the waiting handler was interrupted by close()").isTrue();
        assertThat(closed.handlerThreads()).as("handler threads after close()").isEmpty();
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: close() cuts idle connections quietly: closing them is not reported as an error")
    void closeIsNotAnError() throws Exception {
        RecordingServer recording;
        Checks.Printed printed;
        Socket a;
        Socket b;
        try (var server = serve(new RecordingServer(UpperEcho::new, ThreadingStrategy.virtualThreads()))) {
            recording = server.server();
            a = connect(server.port(), "idle client A");
            b = connect(server.port(), "idle client B");
            roundTrip(a, "a", "the reply to client A");
            roundTrip(b, "b", "the reply to client B");
            printed = Checks.stderrOf(() -> {
                server.server().close();
                return null;
            });
        }
        try (a; b) {
            Checks.expectClosed(a, "idle client A's connection at close()");
        }
        assertThat(recording.errors).as("errors reported while close() cut two idle connections").isEmpty();
        assertThat(printed.output()).as("what close() printed to standard error").isEmpty();
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: allowReuseAddress decides whether a port with connections in TIME_WAIT can be bound at once")
    void allowReuseAddressDecidesRebinding() throws Exception {
        int port;
        try (var server = serve(new TcpServer(Loopback.anyPort(), TcpServerTest.Goodbye::new));
                Socket client = connect(server.port(), "the client")) {
            port = server.port();
            Expect.reply(client, "bye", "what the handler wrote before it returned");
            Checks.expectClosed(client, "the connection the server closed first (it lingers in TIME_WAIT)");
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        if (!windows) { // Windows lets any socket bind a port in TIME_WAIT: only the "on" half holds there
            try (TcpServer strict = new TcpServer(Loopback.address(port), UpperEcho::new,
                    ServerOptions.defaults().withAllowReuseAddress(false))) {
                Diagnostics.snapshot();
                fail("With allowReuseAddress(false), a new server bound port %d while a connection of the old one"
                        + " was in TIME_WAIT: SO_REUSEADDR was left on (%s).", port, strict.address());
            } catch (BindException expected) {
                // SO_REUSEADDR off: TIME_WAIT holds the port
            }
        }
        try (var again = serve(new TcpServer(Loopback.address(port), UpperEcho::new));
                Socket fresh = connect(again.port(), "a client of the new server")) {
            roundTrip(fresh, "reused", "the reply from a server that rebound the port with allowReuseAddress on");
        } catch (BindException e) {
            fail("With allowReuseAddress on (the default), a new server could not bind port %d while a connection"
                    + " of the old one was in TIME_WAIT: %s.", port, e.getMessage());
        }
    }

    /** A server whose verifyRequest() shuts it down when a client connects: shutdown() from the loop's own thread. */
    static final class StopsFromTheLoop extends TcpServer {
        StopsFromTheLoop() throws IOException {
            super(Loopback.anyPort(), UpperEcho::new);
        }

        @Override
        protected boolean verifyRequest(Socket request) {
            shutdown();
            return false;
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: shutdown() from the serve loop's own thread (in verifyRequest) stops it at once, without complaint")
    void shutdownFromTheLoopItself() throws Exception {
        try (var server = serve(new StopsFromTheLoop())) {
            Checks.Printed printed = Checks.stderrOf(() -> {
                try (Socket client = connect(server.port(), "the client whose arrival stops the server")) {
                    Checks.expectClosed(client, "the connection verifyRequest() said no to");
                }
                server.expectEnd(Timeouts.SHUTDOWN, "verifyRequest() called shutdown() on the serve loop's own thread");
                return null;
            });
            assertThat(printed.output()).as("what shutdown() printed when called from the serve loop itself: it must"
                    + " not wait for the loop it runs on").isEmpty();
            try (TcpServer neverServed = new TcpServer(Loopback.anyPort(), UpperEcho::new)) {
                Checks.Printed quiet = Checks.stderrOf(() -> {
                    Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "shutdown() on a server that never served",
                            neverServed::shutdown);
                    return null;
                });
                assertThat(quiet.output()).as("what shutdown() printed on a server that never served").isEmpty();
            }
        }
    }

    /** Answers each datagram with the address it came from, as the handler sees it. */
    static final class WhoAmI extends RequestHandler<Datagram> {
        @Override
        protected void handle() throws IOException {
            request().reply(String.valueOf(clientAddress()).getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a UDP handler's clientAddress() is the datagram's sender")
    void udpHandlerKnowsItsClient() throws Exception {
        try (var server = serve(new UdpServer(Loopback.anyPort(), WhoAmI::new));
                UdpServerTest.Client client = new UdpServerTest.Client("the client")) {
            client.send(server.port(), "who am I?");
            client.expect(String.valueOf(client.address()), "the reply: the clientAddress() the handler saw");
        }
    }

    /** A server whose first accept() fails, as one does when the process runs out of file descriptors. */
    static final class FirstAcceptFails extends TcpServer {
        private final AtomicBoolean failed = new AtomicBoolean();

        FirstAcceptFails() throws IOException {
            super(Loopback.anyPort(), UpperEcho::new);
        }

        @Override
        protected Socket getRequest() throws IOException {
            if (failed.compareAndSet(false, true)) {
                throw new IOException("Too many open files");
            }
            return super.getRequest();
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a failed accept() (out of file descriptors) is one log line, and the server goes on")
    void failedAcceptIsReportedAndServingGoesOn() throws Exception {
        Checks.Printed printed = Checks.stderrOf(() -> {
            try (var server = serve(new FirstAcceptFails()); Socket client = connect(server.port(), "the client")) {
                roundTrip(client, "after a failed accept", "the reply after accept() had failed once");
            }
            return null;
        });
        Checks.expectReport(printed.output(), "Too many open files", "accept() failed once");
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: ManyClients connects a crowd, and a newcomer is answered while they wait")
    void manyClientsDemo() throws Exception {
        try (var server = serve(UpperEchoServer.bind(Loopback.anyPort()))) {
            String printed = Checks.stdoutOf(() -> ManyClients.main(new String[] {String.valueOf(server.port()), "20"}));
            assertThat(printed).as("what ManyClients printed with 20 clients")
                    .contains("20 idle clients connected, each answered once")
                    .contains("a new client was answered in");
        }
        try (var pool = serve(UpperEchoServer.bind(Loopback.anyPort(),
                ServerOptions.defaults().withThreading(ThreadingStrategy.boundedPool(2))))) {
            String printed = Checks.stdoutOf(() -> ManyClients.main(new String[] {String.valueOf(pool.port()), "5"}));
            assertThat(printed).as("what ManyClients printed against a pool of 2 threads")
                    .contains("2 clients were answered; client 3 was not");
        }
    }
}
