package workbook.socketserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static workbook.socketserver.Checks.connect;
import static workbook.socketserver.Checks.roundTrip;
import static workbook.socketserver.Checks.send;
import static workbook.socketserver.Checks.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.Calls;
import workbook.testkit.Diagnostics;
import workbook.testkit.Expect;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.Received;
import workbook.testkit.Timeouts;
import workbook.testkit.VirtualThreadWarmUp;

/** The checks for the framework over TCP: each one plays clients against a TcpServer with a handler of the check's own. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread threads are not the lesson's
@DisplayName("Lesson 05 · TcpServer (steps 1 to 4)")
class TcpServerTest {

    /** Upper-cases whatever arrives, until the client hangs up; remembers the thread it ran on. */
    static final class UpperEcho extends RequestHandler<Socket> {
        static final BlockingQueue<Thread> THREADS = new LinkedBlockingQueue<>();

        @Override
        protected void handle() throws IOException {
            THREADS.add(Thread.currentThread());
            InputStream in = request().getInputStream();
            OutputStream out = request().getOutputStream();
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                String text = new String(buffer, 0, n, StandardCharsets.US_ASCII);
                if (text.contains("boom")) {
                    throw new IllegalStateException("boom: a bug in the handler");
                }
                out.write(text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    /** A TcpServer that keeps what handleError() was given (and still prints it, as the default does). */
    static class RecordingServer extends TcpServer {
        record Report(SocketAddress client, Throwable error) {
        }

        final BlockingQueue<Report> errors = new LinkedBlockingQueue<>();

        RecordingServer(Supplier<? extends RequestHandler<Socket>> handlers) throws IOException {
            super(Loopback.anyPort(), handlers);
        }

        RecordingServer(Supplier<? extends RequestHandler<Socket>> handlers, ThreadingStrategy threading)
                throws IOException {
            super(Loopback.anyPort(), handlers, ServerOptions.defaults().withThreading(threading));
        }

        @Override
        protected void handleError(Socket request, Throwable error) {
            super.handleError(request, error);
            errors.add(new Report(request == null ? null : clientAddress(request), error));
        }

        Report awaitError(String after) throws InterruptedException {
            Report report = errors.poll(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
            if (report == null) {
                Diagnostics.snapshot();
                fail("After " + after + ", handleError() was not called within " + Timeouts.REPLY.toSeconds()
                        + " s. The server must report a failing request with handleError(), and go on serving.");
            }
            return report;
        }
    }

    private static TcpServer upperEchoServer() throws IOException {
        UpperEcho.THREADS.clear();
        return new TcpServer(Loopback.anyPort(), UpperEcho::new);
    }

    private static TcpServer upperEchoServer(ThreadingStrategy threading) throws IOException {
        UpperEcho.THREADS.clear();
        return new TcpServer(Loopback.anyPort(), UpperEcho::new, ServerOptions.defaults().withThreading(threading));
    }

    // ---------------------------------------------------------------- step 1: the framework's shape

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a TcpServer binds loopback on port 0, reports its port, and serves through its handler")
    void bindsAndServesThroughAHandler() throws Exception {
        try (var server = serve(upperEchoServer()); Socket client = connect(server.port(), "the client")) {
            assertThat(server.server().port()).as("port() after binding port 0").isBetween(1, 65535);
            assertThat(server.server().address().getAddress().isLoopbackAddress())
                    .as("the server was asked to bind 127.0.0.1; address() says %s", server.server().address()).isTrue();
            roundTrip(client, "hello, framework", "the reply to \"hello, framework\"");
            roundTrip(client, "and again", "the reply to a second message on the same connection");
        }
    }

    /** Records setup, handle and finish, with the handler object they ran on. */
    static final class Lifecycle extends RequestHandler<Socket> {
        static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

        @Override
        protected void setup() {
            EVENTS.add("setup " + System.identityHashCode(this));
        }

        @Override
        protected void handle() throws IOException {
            EVENTS.add("handle " + System.identityHashCode(this));
            request().getInputStream().readAllBytes(); // until the client hangs up
        }

        @Override
        protected void finish() {
            EVENTS.add("finish " + System.identityHashCode(this));
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: each connection gets a new handler, which runs setup, handle and finish in order")
    void runsSetupHandleFinishOnANewHandler() throws Exception {
        Lifecycle.EVENTS.clear();
        List<String> events = new ArrayList<>();
        try (var server = serve(new TcpServer(Loopback.anyPort(), Lifecycle::new))) {
            for (int i = 1; i <= 2; i++) {
                connect(server.port(), "client " + i).close();
                for (int e = 0; e < 3; e++) {
                    String event = Lifecycle.EVENTS.poll(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
                    if (event == null) {
                        Diagnostics.snapshot();
                        fail("Client %d connected and hung up; the handler events so far are %s, and no more came"
                                + " within %d s (expected setup, handle, finish for each client).", i, events,
                                Timeouts.REPLY.toSeconds());
                    }
                    events.add(event);
                }
            }
        }
        assertThat(events).as("the handler events for two clients, one after the other").hasSize(6);
        String first = events.get(0).split(" ")[1];
        String second = events.get(3).split(" ")[1];
        assertThat(events).as("setup, handle, finish on one handler per client")
                .containsExactly("setup " + first, "handle " + first, "finish " + first,
                        "setup " + second, "handle " + second, "finish " + second);
        assertThat(second).as("the second client's handler must be a new object, not the first one again")
                .isNotEqualTo(first);
    }

    /** Says goodbye and returns at once. */
    static final class Goodbye extends RequestHandler<Socket> {
        @Override
        protected void handle() throws IOException {
            request().getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: when handle() returns, the server closes that connection")
    void closesTheConnectionWhenHandleReturns() throws Exception {
        try (var server = serve(new TcpServer(Loopback.anyPort(), Goodbye::new));
                Socket client = connect(server.port(), "the client")) {
            Expect.reply(client, "bye", "what the handler wrote before it returned");
            Checks.expectClosed(client, "the connection after handle() returned");
        }
    }

    // ---------------------------------------------------------------- step 2: a thread per request

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: an idle client does not delay a second client")
    void idleClientDoesNotDelayTheNext() throws Exception {
        try (var server = serve(upperEchoServer());
                Socket idle = connect(server.port(), "the idle client");
                Socket second = connect(server.port(), "the second client")) {
            send(second, "me too");
            Received reply = Received.read(second, "ME TOO".length(), Timeouts.REPLY);
            if (reply.ending() != Received.Ending.COMPLETE) {
                Diagnostics.snapshot();
                fail("A first client connected and said nothing. A second client sent \"me too\": %s%n"
                        + "While the first client is silent, its handler waits in read(); if that happens on the"
                        + " serve loop's own thread, nobody else is accepted.%n%s", reply.story(), Checks.serveLoop());
            }
            Expect.bytes("ME TOO".getBytes(StandardCharsets.US_ASCII), reply, "the reply to the second client");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: 200 clients, all connected at once, each complete 10 round trips")
    void twoHundredClientsTenRoundTripsEach() throws Exception {
        int clients = 200;
        List<Socket> sockets = new ArrayList<>();
        try (var server = serve(upperEchoServer())) {
            try {
                for (int i = 0; i < clients; i++) {
                    sockets.add(connect(server.port(), "client " + (i + 1) + " of " + clients + " (" + i
                            + " were connected already, none had left)"));
                }
                for (int round = 1; round <= 10; round++) {
                    for (int i = 0; i < clients; i++) {
                        send(sockets.get(i), "client " + (i + 1) + " round " + round);
                    }
                    for (int i = 0; i < clients; i++) {
                        Expect.reply(sockets.get(i), ("CLIENT " + (i + 1) + " ROUND " + round),
                                "the reply to client " + (i + 1) + " in round " + round + " of 10, with all "
                                        + clients + " clients connected");
                    }
                }
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: by default each client's handler runs on a virtual thread of its own")
    void handlersRunOnVirtualThreadsByDefault() throws Exception {
        try (var server = serve(upperEchoServer());
                Socket a = connect(server.port(), "client A");
                Socket b = connect(server.port(), "client B")) {
            roundTrip(a, "a", "the reply to client A");
            Thread first = UpperEcho.THREADS.poll(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(first).as("the thread client A's handler ran on").isNotNull();
            if (!first.isVirtual()) {
                Diagnostics.snapshot();
                fail("Client A's handler ran on platform thread '%s'%s. With the default options it should run on"
                        + " a virtual thread of its own, made by the ThreadingStrategy.", first.getName(),
                        first.getName().startsWith("server-under-test") ? ", which is the serve loop's own thread" : "");
            }
            assertThat(server.server().handlerThreads()).as("handlerThreads() while client A is connected")
                    .contains(first);
            roundTrip(b, "b", "the reply to client B, while client A is still connected");
            Thread second = UpperEcho.THREADS.poll(Timeouts.REPLY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(second).as("the thread client B's handler ran on").isNotNull();
            assertThat(second.isVirtual()).as("client B's handler thread %s is virtual", second).isTrue();
            assertThat(second).as("client B's handler thread must not be client A's").isNotSameAs(first);
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: with platform threads, each client's handler runs on a platform thread of its own")
    void platformThreadsWhenAskedFor() throws Exception {
        try (var server = serve(upperEchoServer(ThreadingStrategy.platformThreads()));
                Socket a = connect(server.port(), "client A");
                Socket b = connect(server.port(), "client B")) {
            roundTrip(a, "a", "the reply to client A");
            roundTrip(b, "b", "the reply to client B, while client A is still connected");
            Thread first = UpperEcho.THREADS.poll();
            Thread second = UpperEcho.THREADS.poll();
            assertThat(List.of(first, second)).as("the handlers' threads").noneMatch(Thread::isVirtual)
                    .noneMatch(t -> t.getName().startsWith("server-under-test"));
            assertThat(List.of(first, second)).as("platform handler threads are daemons, so that a client who stays"
                    + " connected cannot keep the program from ending").allMatch(Thread::isDaemon);
            assertThat(first).as("each client has its own thread").isNotSameAs(second);
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a pool of 2 threads serves 2 clients at once; a third waits until one leaves")
    void boundedPoolServesAtMostItsSize() throws Exception {
        try (var server = serve(upperEchoServer(ThreadingStrategy.boundedPool(2)))) {
            Socket a = connect(server.port(), "client A");
            Socket b = connect(server.port(), "client B");
            try (Socket c = connect(server.port(), "client C")) {
                try (a; b) {
                    roundTrip(a, "a", "the reply to client A");
                    roundTrip(b, "b", "the reply to client B, while client A is still connected");
                    send(c, "c");
                    Received early = Received.whatever(c, Duration.ofMillis(300));
                    if (!early.isEmpty()) {
                        Diagnostics.snapshot();
                        fail("A pool of 2 threads answered a third client while two others held both threads:"
                                + " the pool is not used, or is larger than 2.");
                    }
                } // A and B leave: a pool thread is free for C
                Expect.reply(c, "C", "the reply to client C once clients A and B had left");
            }
        }
    }

    // ---------------------------------------------------------------- step 3: a failing request ends alone

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a handler that throws ends its own connection only; the error is reported and others are served")
    void handlerExceptionIsReportedAndServingGoesOn() throws Exception {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        UpperEcho.THREADS.clear();
        try (var server = serve(new RecordingServer(UpperEcho::new))) {
            try (Socket first = connect(server.port(), "the first client")) {
                roundTrip(first, "before", "the reply to the first client");
            }
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            SocketAddress victim;
            try (Socket failing = connect(server.port(), "the client whose handler throws")) {
                victim = failing.getLocalSocketAddress();
                send(failing, "boom");
                Checks.expectClosed(failing, "the connection whose handler threw");
                RecordingServer.Report report = server.server().awaitError("a handler threw IllegalStateException");
                assertThat(report.error()).as("the error given to handleError()")
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("boom");
                assertThat(report.client()).as("the client given to handleError()").isEqualTo(victim);
            } finally {
                System.setErr(original);
            }
            assertThat(stderr.toString(StandardCharsets.UTF_8))
                    .as("what the default handleError() printed to standard error")
                    .contains("IllegalStateException: boom");
            server.assertNotCrashed("a handler threw IllegalStateException");
            try (Socket next = connect(server.port(), "the next client")) {
                roundTrip(next, "still serving?", "the reply to the next client, after a handler threw");
            }
        } finally {
            System.setErr(original);
        }
    }

    /** A server that cannot take its first request, as a full pool cannot (RejectedExecutionException). */
    static final class RefusesFirst extends RecordingServer {
        private final AtomicBoolean refused = new AtomicBoolean();

        RefusesFirst() throws IOException {
            super(UpperEcho::new);
        }

        @Override
        protected void processRequest(Socket request) {
            if (refused.compareAndSet(false, true)) {
                throw new RejectedExecutionException("no thread free for " + request.getRemoteSocketAddress());
            }
            super.processRequest(request);
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a request the server cannot take (a full pool refuses it) is closed and reported, and serving goes on")
    void refusedRequestEndsAlone() throws Exception {
        try (var server = serve(new RefusesFirst())) {
            try (Socket refused = connect(server.port(), "the refused client")) {
                Checks.expectClosed(refused, "the connection that processRequest() refused");
                RecordingServer.Report report = server.server().awaitError("processRequest() threw RejectedExecutionException");
                assertThat(report.error()).as("the error given to handleError()").isInstanceOf(RejectedExecutionException.class);
            }
            server.assertNotCrashed("processRequest() threw RejectedExecutionException");
            try (Socket next = connect(server.port(), "the next client")) {
                roundTrip(next, "my turn", "the reply to the client after the refused one");
            }
        }
    }

    // ---------------------------------------------------------------- step 4: shutdown and close

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: shutdown() makes serveForever() return within 2 s while it waits for a client")
    void shutdownWakesAWaitingLoop() throws Exception {
        try (var server = serve(upperEchoServer())) {
            Thread.sleep(50); // let the loop reach accept()
            Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "shutdown()", server.server()::shutdown);
            server.expectEnd(Duration.ofMillis(500), "shutdown() returned");
            server.assertNotCrashed("shutdown()");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: shutdown() returns within 2 s with idle clients connected, and the port can be bound again at once")
    void shutdownWithIdleClientsAndRebind() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try (var server = serve(upperEchoServer())) {
            try {
                for (int i = 1; i <= 3; i++) {
                    idle.add(connect(server.port(), "idle client " + i));
                }
                roundTrip(idle.get(0), "then silence", "the reply to the first idle client");
                Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "shutdown() with 3 idle clients connected",
                        server.server()::shutdown);
                try (var again = serve(new TcpServer(Loopback.address(server.port()), UpperEcho::new));
                        Socket fresh = connect(again.port(), "a client of the new server")) {
                    roundTrip(fresh, "new server", "the reply from a new server on the same port");
                } catch (java.net.BindException e) {
                    fail("After shutdown(), a new server could not bind port %d again: %s. Is the old socket still"
                            + " open, or was SO_REUSEADDR (allowReuseAddress) left off?", server.port(), e.getMessage());
                }
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: shutdown() never deadlocks: before serveForever(), twice, and after close()")
    void shutdownNeverDeadlocks() throws Exception {
        try (TcpServer notStarted = upperEchoServer()) {
            Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "shutdown() on a server whose serveForever() never ran",
                    notStarted::shutdown);
        }
        try (var server = serve(upperEchoServer())) {
            Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "the first shutdown()", server.server()::shutdown);
            Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "a second shutdown()", server.server()::shutdown);
            server.server().close();
            Calls.expectReturnsWithin(Timeouts.SHUTDOWN, "shutdown() after close()", server.server()::shutdown);
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: close() ends serveForever(), closes idle connections and leaves no handler thread behind")
    void closeLeavesNothingBehind() throws Exception {
        for (ThreadingStrategy threading : List.of(ThreadingStrategy.virtualThreads(),
                ThreadingStrategy.platformThreads(), ThreadingStrategy.boundedPool(4))) {
            List<Socket> idle = new ArrayList<>();
            TcpServer closed;
            try (var server = serve(upperEchoServer(threading))) {
                closed = server.server();
                for (int i = 1; i <= 3; i++) {
                    idle.add(connect(server.port(), "idle client " + i + " (" + threading + ")"));
                }
                roundTrip(idle.get(0), "then silence", "the reply to the first idle client (" + threading + ")");
            } // RunningServer.close(): close(), then serveForever() must return within 2 s
            try {
                for (int i = 0; i < idle.size(); i++) {
                    Checks.expectClosed(idle.get(i), "idle client " + (i + 1) + "'s connection at close() (" + threading + ")");
                }
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
            assertThat(closed.handlerThreads()).as("handler threads still running after close() (%s)", threading)
                    .isEmpty();
            var left = workbook.testkit.ThreadDump.take().threadsRunning(
                    frame -> frame.contains("workbook.socketserver.") && !frame.contains("Test."));
            if (!left.isEmpty()) {
                fail("After close() (%s), a thread dump still shows threads in the framework's code:%n%s", threading,
                        left.stream().map(t -> t.describe(f -> f.contains("workbook."))).toList());
            }
        }
    }
}
