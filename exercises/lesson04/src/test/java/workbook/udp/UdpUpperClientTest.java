package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Bytes;
import workbook.testkit.ClientRun;
import workbook.testkit.DatagramProbe;
import workbook.testkit.Diagnostics;
import workbook.testkit.LessonChecks;
import workbook.testkit.LiveClient;
import workbook.testkit.Loopback;
import workbook.testkit.LossPlan;
import workbook.testkit.LossyUdpProxy;
import workbook.testkit.ReferenceUdpServer;
import workbook.testkit.Timeouts;

/**
 * The checks for UdpUpperClient: your client talks to a reference server (not yours), fed from a scripted keyboard,
 * sometimes through a proxy that loses, duplicates and reorders datagrams.
 */
@LessonChecks
@DisplayName("Lesson 04 · UdpUpperClient (step 5)")
class UdpUpperClientTest {

    /** How long a check lets the client work before calling it stuck: time for every retry, and then some. */
    private static final Duration PATIENCE = Timeouts.REPLY.multipliedBy(2);

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: each line goes out as one numbered datagram, and its reply is printed")
    void sendsNumberedDatagrams() throws Exception {
        try (var server = ReferenceUdpServer.start("reference echo server", UdpUpperClientTest::echo);
                var client = UdpUpperClient.open(server.address())) { // 200 ms at first, 5 tries
            ClientRun run = runClient(client, "hello\n\nsee you\n", PATIENCE);
            run.assertFinished();
            assertThat(run.out()).as("what the client printed (an empty line is an empty message: UDP sends those)")
                    .isEqualTo(">>: HELLO\n>>: \n>>: SEE YOU\n>>: \n");
            List<ReferenceUdpServer.Request> got = server.received();
            assertThat(got).as("the datagrams the server received (one per line typed)").hasSize(3);
            List<Long> numbers = new ArrayList<>();
            String[] payloads = {"hello", "", "see you"};
            for (int i = 0; i < 3; i++) {
                Numbered n = parse(got.get(i).data());
                assertThat(n.payload()).as("the payload of datagram #%d", i + 1).isEqualTo(payloads[i]);
                numbers.add(n.sequence());
            }
            assertThat(numbers).as("the sequence numbers of three requests: each new request gets a new number")
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: when a reply is lost, the client sends the same datagram again and prints the reply once")
    void retriesWhenAReplyIsLost() throws Exception {
        try (var server = ReferenceUdpServer.start("reference echo server that loses its first reply",
                request -> request.index() == 0 ? List.of() : echo(request));
                var client = UdpUpperClient.open(server.address(), Duration.ofMillis(50), 5)) {
            ClientRun run = runClient(client, "hello\nworld\n", Timeouts.REPLY);
            run.assertFinished();
            assertThat(run.out()).as("what the client printed").isEqualTo(">>: HELLO\n>>: WORLD\n>>: \n");
            List<ReferenceUdpServer.Request> got = server.received();
            assertThat(got).as("the datagrams the server received: hello, hello again, world").hasSize(3);
            assertThat(got.get(1).data()).withFailMessage(() -> "The second try must be the very same datagram as the"
                    + " first, with the same sequence number, so that its reply can be told apart from others.\n"
                    + Bytes.compare(got.get(0).data(), List.of(got.get(1).data()))).isEqualTo(got.get(0).data());
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a server that never answers gets exactly maxTries tries, longer and longer apart; then one line")
    void givesUpOnASilentServer() throws Exception {
        try (var server = ReferenceUdpServer.start("reference server that never answers", request -> List.of());
                var client = UdpUpperClient.open(server.address(), Duration.ofMillis(100), 3)) {
            long start = System.nanoTime();
            ClientRun run = runClient(client, "hello\nnever sent\n", PATIENCE);
            run.assertFinished();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertGaveUpInOneLine(run, server.port());
            assertThat(run.err()).as("the line it printed when it gave up").contains("after 3 tries")
                    .doesNotContain("unreachable"); // the server was there, only silent
            List<ReferenceUdpServer.Request> got = server.received();
            assertThat(got).as("the tries the server received (maxTries is 3)").hasSize(3);
            assertThat(got).as("every try is the same datagram (same sequence number, same payload)")
                    .allSatisfy(r -> assertThat(r.data()).isEqualTo(got.get(0).data()));
            assertTriedLongEnough(run, took, "three tries waiting 100, 200 and 400 ms come to 0.7 s");
            assertReportsTimeWaited(run, took);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: with no server at all, the client gives up after its tries and says so in one line")
    void givesUpWhenNoServerRuns() throws Exception {
        int port = DatagramProbe.unusedPort();
        try (var client = UdpUpperClient.open(Loopback.address(port), Duration.ofMillis(100), 3)) {
            long start = System.nanoTime();
            ClientRun run = runClient(client, "hello\n", PATIENCE);
            run.assertFinished();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertGaveUpInOneLine(run, port);
            assertThat(run.err()).as("the line it printed when it gave up, with nothing at port %d", port)
                    .contains("after 3 tries").contains("port unreachable");
            assertTriedLongEnough(run, took, "a \"port unreachable\" may only mean that the server is restarting, so"
                    + " it is one lost try like any other; three tries waiting 100, 200 and 400 ms come to 0.7 s");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: duplicates, latecomers and garbage are dropped: each reply is printed once")
    void dropsDuplicatesLatecomersAndGarbage() throws Exception {
        AtomicReference<byte[]> previous = new AtomicReference<>();
        ReferenceUdpServer.Handler messy = request -> {
            byte[] reply = echo(request).get(0);
            List<byte[]> replies = new ArrayList<>();
            if (previous.get() != null) {
                replies.add(previous.get()); // the reply to the request before: a latecomer
            }
            replies.add("no number here".getBytes(StandardCharsets.UTF_8)); // garbage
            replies.add(reply);
            replies.add(reply); // a duplicate
            previous.set(reply);
            return replies;
        };
        try (var server = ReferenceUdpServer.start("reference server that answers twice, late and with garbage", messy);
                var client = UdpUpperClient.open(server.address(), Duration.ofMillis(500), 3)) {
            ClientRun run = runClient(client, "one\ntwo\nthree\n", PATIENCE);
            run.assertFinished();
            assertThat(run.out()).as("what the client printed").isEqualTo(">>: ONE\n>>: TWO\n>>: THREE\n>>: \n");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: through a lossy network (proxy seed 1), every reply is printed once, in order")
    void survivesALossyNetworkSeed1() throws Exception {
        survivesALossyNetwork(1);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: through a lossy network (proxy seed 2), every reply is printed once, in order")
    void survivesALossyNetworkSeed2() throws Exception {
        survivesALossyNetwork(2);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: through a lossy network (proxy seed 3), every reply is printed once, in order")
    void survivesALossyNetworkSeed3() throws Exception {
        survivesALossyNetwork(3);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the wait stops doubling at 8 times the first: 10 tries of 10 ms take well under 4 s")
    void capsTheBackoff() throws Exception {
        try (var server = ReferenceUdpServer.start("reference server that never answers", request -> List.of());
                var client = UdpUpperClient.open(server.address(), Duration.ofMillis(10), 10)) {
            long start = System.nanoTime();
            // Waits of 10, 20, 40, then 80 ms seven times: 0.63 s. Doubling on and on would take 10.2 s.
            ClientRun run = runClient(client, "hello\n", PATIENCE);
            run.assertFinished();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertGaveUpInOneLine(run, server.port());
            assertThat(server.received()).as("the tries the server received (maxTries is 10)").hasSize(10);
            assertThat(took).withFailMessage(() -> String.format(Locale.ROOT, "Your client gave up after %.2f s, too"
                    + " soon: waits of 10, 20, 40 and then 80 ms come to 0.63 s.%n%s", took.toMillis() / 1000.0,
                    run.printed())).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a line too long for one datagram is refused in one line, and the next line is sent")
    void refusesALineTooLongForOneDatagram() throws Exception {
        String largest = "x".repeat(65_505); // "1 " and 65,505 bytes: 65,507, the most one datagram holds
        String tooLong = "y".repeat(65_506);
        try (var server = ReferenceUdpServer.start("reference echo server", UdpUpperClientTest::echo);
                var client = UdpUpperClient.open(server.address(), Duration.ofMillis(500), 3)) {
            ClientRun run = runClient(client, largest + "\n" + tooLong + "\nok\n", PATIENCE);
            run.assertFinished();
            assertThat(run.exitCode()).as("the exit code after the input ended").isZero();
            assertThat(run.out().replace("\r\n", "\n")).as("what the client printed").isEqualTo(
                    ">>: " + largest.toUpperCase() + "\n>>: >>: OK\n>>: \n");
            assertThat(run.err().lines().toList()).as("what it printed on standard error").hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("65506"));
            assertThat(server.received()).as("the datagrams the server received").hasSize(2);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a client whose socket fails says so in one line and exits with 1")
    void reportsALostSocketInOneLine() throws Exception {
        try (var server = ReferenceUdpServer.start("reference echo server", UdpUpperClientTest::echo);
                var client = UdpUpperClient.open(server.address(), Duration.ofMillis(100), 3)) {
            client.close(); // as if the network interface had gone away
            ClientRun run = runClient(client, "hello\n", PATIENCE);
            run.assertFinished();
            assertThat(run.exitCode()).as("the exit code after losing its socket").isEqualTo(1);
            assertThat(run.err().lines().toList()).as("what it printed on standard error").hasSize(1)
                    .allSatisfy(line -> assertThat(line).startsWith("Lost contact with 127.0.0.1:" + server.port() + ": ")
                            .doesNotContain("null").doesNotContain("Exception"));
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: open() refuses a timeout that is not positive, fewer than 1 try, and an unknown host")
    void openRefusesBadArguments() {
        var server = Loopback.address(DatagramProbe.unusedPort());
        assertThatThrownBy(() -> UdpUpperClient.open(server, Duration.ZERO, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> UdpUpperClient.open(server, Duration.ofMillis(-1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UdpUpperClient.open(server, Duration.ofMillis(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatCode(() -> UdpUpperClient.open(server, Duration.ofMillis(1), 1).close()).doesNotThrowAnyException();
        assertThatThrownBy(() -> UdpUpperClient.open(InetSocketAddress.createUnresolved("no-such-host.invalid", 8080)))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the message of a client that gave up says how often, how long, and what the network said")
    void noReplyMessages() {
        var server = Loopback.address(8080);
        assertThat(new NoReplyException(server, 1, Duration.ofMillis(1_400), false).getMessage())
                .isEqualTo("No reply from 127.0.0.1:8080 after 1 try in 1.4 s (is the server running?)");
        assertThat(new NoReplyException(server, 5, Duration.ofMillis(4_600), true).getMessage()).isEqualTo(
                "No reply from 127.0.0.1:8080 after 5 tries in 4.6 s (port unreachable: is the server running?)");
        assertThat(NoReplyException.show(InetSocketAddress.createUnresolved("example.invalid", 53)))
                .isEqualTo("example.invalid:53");
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a stream of replies with other numbers does not keep the client waiting past its tries")
    void aStreamOfStaleRepliesDoesNotHoldTheClient() throws Exception {
        try (var server = StaleReplyServer.start();
                var client = UdpUpperClient.open(server.address(), Duration.ofMillis(50), 3)) {
            ClientRun run = runClient(client, "hello\n", PATIENCE);
            run.assertFinished(); // a client that restarts its wait on every datagram never gets here
            assertGaveUpInOneLine(run, server.address().getPort());
            assertThat(server.requests()).as("the tries the server received (maxTries is 3), while it sent a reply with"
                    + " another number every 5 ms").isEqualTo(3);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the prompt shows before you type, and each reply as it comes")
    void showsThePromptBeforeTheUserTypes() throws Exception {
        try (var server = ReferenceUdpServer.start("reference echo server", UdpUpperClientTest::echo);
                var client = UdpUpperClient.open(server.address(), Duration.ofMillis(500), 3);
                var live = LiveClient.start("UdpUpperClient", (in, out, err) -> UdpUpperClient.run(in, out, err, client),
                        client::close)) {
            live.expectOutput(">>: ", "the prompt, before anything was typed");
            live.type("hi");
            live.expectOutput("HI", "the reply to \"hi\"");
            live.endInput();
            assertThat(live.expectExit()).as("the exit code after the input ended").isZero();
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: an error line names what went wrong, even for an exception without a message")
    void errorLinesNeverSayNull() {
        assertThat(Reasons.of(new IOException("Socket closed"))).isEqualTo("Socket closed");
        assertThat(Reasons.of(new java.nio.channels.AsynchronousCloseException())).isEqualTo("AsynchronousCloseException");
        assertThat(Reasons.of(new java.net.PortUnreachableException(" "))).isEqualTo("PortUnreachableException");
    }

    /**
     * Sixteen lines through a proxy that loses 20% of the datagrams each way, and duplicates, reorders and delays
     * others; the client waits 20 ms at first and tries up to 12 times.
     */
    private static void survivesALossyNetwork(long seed) throws Exception {
        LossPlan plan = LossPlan.seed(seed).drop(0.2).duplicate(0.15).reorder(0.15).delay(0.1, Duration.ofMillis(40));
        StringBuilder keyboard = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 16; i++) {
            String line = i == 8 ? "" : "line " + i + " of 16: " + "abc".repeat(i % 5 + 1);
            keyboard.append(line).append('\n');
            expected.append(">>: ").append(line.toUpperCase(Locale.ROOT)).append('\n');
        }
        expected.append(">>: \n");
        try (var server = ReferenceUdpServer.start("reference echo server", UdpUpperClientTest::echo);
                var proxy = LossyUdpProxy.start(server.port(), plan);
                var client = UdpUpperClient.open(proxy.address(), Duration.ofMillis(20), 12)) {
            ClientRun run = runClient(client, keyboard.toString(), PATIENCE);
            run.assertFinished();
            if (!run.out().equals(expected.toString())) {
                Diagnostics.snapshot(); // the proxy's story as it was, before it is closed
            }
            assertThat(run.out()).as("what the client printed through the lossy proxy (%s)", plan)
                    .isEqualTo(expected.toString());
        }
    }

    /** Fails unless the client spent at least 80% of 0.7 s trying: it must wait out every try, longer each time. */
    private static void assertTriedLongEnough(ClientRun run, Duration took, String why) {
        assertThat(took).withFailMessage(() -> String.format(Locale.ROOT, "Your client gave up after %.2f s, too soon:"
                + " %s.\n%s", took.toMillis() / 1000.0, why, run.printed())).isGreaterThanOrEqualTo(Duration.ofMillis(560));
    }

    private static final Pattern WAITED = Pattern.compile(" in (\\d+\\.\\d) s");

    /** The give-up line says how long the client tried: at least the 0.7 s of its three waits, at most what the check saw. */
    private static void assertReportsTimeWaited(ClientRun run, Duration took) {
        Matcher m = WAITED.matcher(run.err());
        assertThat(m.find()).withFailMessage(() -> "The line your client printed when it gave up does not say how long"
                + " it tried (\" in 0.7 s\").\n" + run.printed()).isTrue();
        double seconds = Double.parseDouble(m.group(1));
        assertThat(seconds).as("the seconds your client reported trying, while the check saw it run %.2f s",
                took.toMillis() / 1000.0).isBetween(0.5, took.toMillis() / 1000.0 + 0.1);
    }

    private static void assertGaveUpInOneLine(ClientRun run, int port) {
        List<String> lines = run.err().lines().toList();
        boolean oneClearLine = lines.size() == 1 && lines.get(0).contains(String.valueOf(port))
                && !lines.get(0).contains("Exception");
        if (run.exitCode() != 2 || !oneClearLine) {
            fail("When it gives up, your client must print one line on standard error that names the server's port ("
                    + port + ") and shows no exception, and return the exit code 2 (it returned " + run.exitCode()
                    + ").\n" + run.printed());
        }
    }

    private static ClientRun runClient(UdpUpperClient client, String keyboard, Duration patience) {
        return ClientRun.run("UdpUpperClient", (in, out, err) -> UdpUpperClient.run(in, out, err, client), keyboard,
                patience, client::close);
    }

    /** The reference echo server's answer: the same bytes, a to z upper-cased. */
    private static List<byte[]> echo(ReferenceUdpServer.Request request) {
        return List.of(UdpEchoServerChecks.upperCase(request.data()));
    }

    /** A datagram in SequenceCodec's format, decoded by the check itself. */
    private record Numbered(long sequence, String payload) {
    }

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,10}) (.*)", Pattern.DOTALL);

    private static Numbered parse(byte[] datagram) {
        Matcher m = FORMAT.matcher(new String(datagram, StandardCharsets.ISO_8859_1));
        assertThat(m.matches()).withFailMessage(() -> "This datagram does not follow the format (digits, a space,"
                + " the payload):\n" + Bytes.show(datagram)).isTrue();
        byte[] payload = Arrays.copyOfRange(datagram, m.group(1).length() + 1, datagram.length);
        return new Numbered(Long.parseLong(m.group(1)), new String(payload, StandardCharsets.UTF_8));
    }
}
