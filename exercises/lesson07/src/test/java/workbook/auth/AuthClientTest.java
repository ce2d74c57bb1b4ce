package workbook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Bytes;
import workbook.testkit.ClientRun;
import workbook.testkit.FragmentingProxy;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.ProxyPlan;
import workbook.testkit.ReferenceServer;

/** The checks for AuthClient: your client talks to reference servers (honest, refusing, or impostors). */
@LessonChecks
@DisplayName("Lesson 07 · AuthClient (steps 1, 4 and 5)")
class AuthClientTest {

    /** What the reference server sends after "OK\n" in place of its proof. */
    private enum Proof {
        /** HMAC-SHA256(key, b'server' + the client's nonce): an honest server. */
        HONEST,
        /** 32 random bytes: an impostor that does not know the key. */
        RANDOM,
        /** HMAC-SHA256(key, b'client' + the client's nonce): a proof for the other direction, reflected. */
        CLIENT_LABEL
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the client answers the challenge with HMAC-SHA256(key, b'client' + nonce), then talks")
    void answersTheChallengeThenTalks() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference AuthServer", connection -> serve(connection, Proof.HONEST))) {
            ClientRun run = runClient(server.port(), Peer.KEY, "hello\n\n你好 again\n", server::dropConnections);
            assertAnswered(server.expectConnection(0));
            run.assertFinished();
            assertThat(normalized(run.out())).as("what the client printed (an empty line just asks again)")
                    .endsWith(">>: HELLO\n>>: >>: 你好 AGAIN\n>>: \n")
                    .contains("both sides proved they know the key");
            assertThat(run.exitCode()).as("the exit code after the input ended").isZero();
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: the client's handshake works when every byte arrives on its own")
    void handshakeSplitIntoSingleBytes() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference AuthServer", connection -> serve(connection, Proof.HONEST));
                var proxy = FragmentingProxy.start(server.port(), ProxyPlan.seed(11).split(1, 1).pause(Duration.ofMillis(1)))) {
            ClientRun run = runClient(proxy.port(), Peer.KEY, "one byte at a time\n", server::dropConnections);
            run.assertFinished();
            assertThat(normalized(run.out())).as("what the client printed, the handshake arriving one byte at a time")
                    .contains(">>: ONE BYTE AT A TIME\n");
            assertThat(run.exitCode()).as("the exit code after the input ended").isZero();
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the client refuses an impostor server that says OK but cannot prove it knows the key")
    void refusesAnImpostor() throws Exception {
        assertRefusesServer(Proof.RANDOM, "32 random bytes");
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the client refuses a server that sends back a proof made with the client's label")
    void refusesAReflectedProof() throws Exception {
        assertRefusesServer(Proof.CLIENT_LABEL, "HMAC-SHA256(key, b'client' + your nonce), a reflected client proof");
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the client reports the server's refusal in one line, with the server's reason")
    void reportsTheServersRefusal() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference AuthServer that refuses", connection -> {
            connection.out().write(Peer.fresh());
            connection.in().readNBytes(Peer.PROOF + Peer.NONCE);
            connection.out().write("DENIED: wrong answer to the challenge\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            ClientRun run = runClient(server.port(), Peer.WRONG_KEY, "hello\n", server::dropConnections);
            run.assertFinished();
            assertThat(run.exitCode()).as("the exit code after the server refused").isEqualTo(1);
            assertThat(normalized(run.err()).lines().toList()).as("what the client printed on standard error")
                    .hasSize(1).allSatisfy(line -> assertThat(line).contains("wrong answer to the challenge")
                            .doesNotContain("Exception"));
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a refused connection is reported in one clear line, not a stack trace")
    void reportsRefusedConnection() {
        int port = Loopback.refusedPort();
        ClientRun run = runClient(port, Peer.KEY, "hello\n", () -> { });
        run.assertFinished();
        assertThat(run.exitCode()).as("the exit code when the connection was refused").isEqualTo(2);
        assertThat(normalized(run.err()).lines().toList()).as("what the client printed on standard error").hasSize(1)
                .allSatisfy(line -> assertThat(line).contains(String.valueOf(port)).doesNotContain("Exception"));
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a server that hangs up in the middle of the handshake is reported in one line")
    void reportsAServerThatHangsUpMidHandshake() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("server that hangs up after its challenge",
                connection -> connection.out().write(Peer.fresh()))) {
            ClientRun run = runClient(server.port(), Peer.KEY, "hello\n", server::dropConnections);
            run.assertFinished();
            assertThat(run.exitCode()).as("the exit code when the server hung up").isEqualTo(1);
            assertThat(normalized(run.err()).lines().toList()).as("what the client printed on standard error")
                    .hasSize(1).allSatisfy(line -> assertThat(line).contains(String.valueOf(server.port()))
                            .doesNotContain("Exception"));
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: an unknown host is reported in one line")
    void reportsAnUnknownHost() {
        ClientRun run = ClientRun.run("AuthClient", (in, out, err) -> AuthClient.run(in, out, err,
                java.net.InetSocketAddress.createUnresolved("no-such-host.invalid", 8080), Peer.KEY.clone()),
                "hello\n", PATIENCE, () -> { });
        run.assertFinished();
        assertThat(run.exitCode()).as("the exit code for a host that does not exist").isEqualTo(2);
        assertThat(normalized(run.err()).lines().toList()).as("what the client printed on standard error")
                .hasSize(1).allSatisfy(line -> assertThat(line).contains("no-such-host.invalid")
                        .doesNotContain("Exception"));
    }

    private static void assertRefusesServer(Proof proof, String what) throws Exception {
        try (ReferenceServer server = ReferenceServer.start("impostor server", connection -> serve(connection, proof))) {
            ClientRun run = runClient(server.port(), Peer.KEY, "my secret plans\n", server::dropConnections);
            byte[] received = server.expectConnection(0).awaitReceived(workbook.testkit.Timeouts.REPLY);
            assertThat(received.length)
                    .withFailMessage("After the handshake (64 bytes), your client sent %d more bytes to a server "
                            + "whose proof was %s:%n%s"
                            + "A client must check the server's proof before it sends the user a single byte.",
                            received.length - 64, what,
                            Peer.indent(Bytes.show(Arrays.copyOfRange(received, Math.min(64, received.length),
                                    received.length))))
                    .isLessThanOrEqualTo(64);
            run.assertFinished();
            assertThat(run.exitCode()).as("the exit code after refusing the server").isEqualTo(1);
            assertThat(normalized(run.out())).as("what the client printed on standard output")
                    .doesNotContain("MY SECRET PLANS").doesNotContain(">>: ");
            assertThat(normalized(run.err()).lines().toList())
                    .as("what the client printed on standard error (one line saying the server is not trusted)")
                    .hasSize(1).allSatisfy(line -> assertThat(line).doesNotContain("Exception"));
        }
    }

    /** Fails unless the client's 64 bytes were HMAC-SHA256(key, b'client' + challenge) and a nonce of its own. */
    private static void assertAnswered(ReferenceServer.Connection connection) {
        byte[] received = connection.awaitReceived(workbook.testkit.Timeouts.REPLY);
        byte[] challenge = CHALLENGES.get(connection);
        byte[] expected = Peer.hmac(Peer.KEY, Peer.CLIENT, challenge);
        byte[] answered = Arrays.copyOf(received, Math.min(Peer.PROOF, received.length));
        assertThat(answered)
                .withFailMessage("Your client's first 32 bytes should be HMAC-SHA256(key, b'client' + challenge):%n"
                        + "  challenge %s%n  expected  %s%n  received  %s", Peer.hex(challenge), Peer.hex(expected),
                        Peer.hex(answered))
                .isEqualTo(expected);
    }

    private static final java.util.Map<ReferenceServer.Connection, byte[]> CHALLENGES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The reference server: a fresh challenge, checks the answer, sends OK and the chosen proof, then echoes. */
    private static void serve(ReferenceServer.Connection connection, Proof kind) throws IOException {
        InputStream in = connection.in();
        OutputStream out = connection.out();
        byte[] challenge = Peer.fresh();
        CHALLENGES.put(connection, challenge);
        out.write(challenge);
        byte[] answer = in.readNBytes(Peer.PROOF + Peer.NONCE);
        if (answer.length < Peer.PROOF + Peer.NONCE) {
            return;
        }
        byte[] clientNonce = Arrays.copyOfRange(answer, Peer.PROOF, answer.length);
        byte[] proof = switch (kind) {
            case HONEST -> Peer.hmac(Peer.KEY, Peer.SERVER, clientNonce);
            case RANDOM -> Peer.fresh();
            case CLIENT_LABEL -> Peer.hmac(Peer.KEY, Peer.CLIENT, clientNonce);
        };
        boolean right = Arrays.equals(Arrays.copyOf(answer, Peer.PROOF), Peer.hmac(Peer.KEY, Peer.CLIENT, challenge));
        if (!right && kind == Proof.HONEST) {
            out.write("DENIED: wrong answer to the challenge\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        out.write(Peer.join("OK\n".getBytes(StandardCharsets.US_ASCII), proof));
        byte[] buffer = new byte[1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] >= 'a' && buffer[i] <= 'z') {
                    buffer[i] -= 32;
                }
            }
            out.write(buffer, 0, n);
        }
    }

    static {
        // The JVM loads its cryptography providers on the first HMAC: do it here, not in the client's time.
        Peer.hmac(Peer.KEY, Peer.CLIENT, new byte[32]);
    }

    /** Twice the usual patience: a handshake over a proxy that sends one byte per millisecond takes a while. */
    private static final java.time.Duration PATIENCE = workbook.testkit.Timeouts.REPLY.multipliedBy(2);

    private static ClientRun runClient(int port, byte[] key, String keyboard, Runnable unblock) {
        return ClientRun.run("AuthClient",
                (in, out, err) -> AuthClient.run(in, out, err, Loopback.address(port), key.clone()), keyboard,
                PATIENCE, unblock);
    }

    /** Programs print with println: CRLF on Windows (and whatever line.separator says elsewhere). Compare with \n. */
    static String normalized(String printed) {
        return printed.replace("\r\n", "\n").replace('\r', '\n');
    }
}
