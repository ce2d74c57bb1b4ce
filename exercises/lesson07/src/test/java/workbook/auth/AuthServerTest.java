package workbook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.Diagnostics;
import workbook.testkit.Expect;
import workbook.testkit.FragmentingProxy;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.ProxyPlan;
import workbook.testkit.RunningServer;
import workbook.testkit.Timeouts;
import workbook.testkit.VirtualThreadWarmUp;

/** The checks for AuthServer: each one plays a client (honest, wrong, replaying, stalling) against your server. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread machinery is not the lesson's
@DisplayName("Lesson 07 · AuthServer (steps 1 to 4)")
class AuthServerTest {

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a client with the right key is served, the server proves itself, then lesson 01's echo works")
    void rightKeyIsServed() throws Exception {
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            Peer.Login login = Peer.login(client, Peer.KEY);
            assertAccepted(login, "the right answer, HMAC-SHA256(key, b'client' + challenge)");
            assertThat(login.serverProof())
                    .withFailMessage("The server's proof after OK should be HMAC-SHA256(key, b'server' + our nonce):%n"
                            + "  expected %s%n  received %s", Peer.hex(Peer.hmac(Peer.KEY, Peer.SERVER, login.ourNonce())),
                            Peer.hex(login.serverProof()))
                    .isEqualTo(Peer.hmac(Peer.KEY, Peer.SERVER, login.ourNonce()));
            send(client, "hello, server");
            Expect.reply(client, "HELLO, SERVER", "the reply to \"hello, server\" after the handshake");
            send(client, "你好 again");
            Expect.reply(client, "你好 AGAIN", "the reply to \"你好 again\" after the handshake");
            send(client, "a to z, `{ and @[ untouched");  // the letters at both ends, and their neighbours
            Expect.reply(client, "A TO Z, `{ AND @[ UNTOUCHED", "the reply to a line with a, z and their neighbours");
            Expect.nothingMore(client, "the replies");
            assertThat(server.server().address()).as("address() of a server bound to 127.0.0.1, port 0")
                    .isEqualTo(Loopback.address(server.port()));
            server.server().close();
            Peer.expectHangUp(client, "close() (closing the server ends the conversations it has open)");
            server.assertNotCrashed("close() while a client was connected");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the server refuses a key shorter than 16 bytes and a deadline that is not positive")
    void checksItsArguments() throws IOException {
        assertThatThrownBy(() -> AuthServer.bind(Loopback.anyPort(), new byte[15], Duration.ofSeconds(1),
                FailureLimit.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15");
        try (AuthServer sixteen = AuthServer.bind(Loopback.anyPort(), new byte[16], Duration.ofSeconds(1),
                FailureLimit.defaults())) {
            assertThat(sixteen.port()).as("the port of a server with a 16-byte key (the shortest allowed)").isPositive();
        }
        assertThatThrownBy(() -> AuthServer.bind(Loopback.anyPort(), Peer.KEY, Duration.ZERO, FailureLimit.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> AuthServer.bind(Loopback.anyPort(), Peer.KEY, Duration.ofMillis(-1),
                FailureLimit.defaults())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a recorded handshake, replayed on a new connection, is refused")
    void replayIsRefused() throws Exception {
        try (var server = startServer()) {
            Peer.Login honest;
            try (Socket client = Loopback.connect(server.port())) {
                honest = Peer.login(client, Peer.KEY);
                assertAccepted(honest, "the right answer (before the replay)");
            }
            try (Socket attacker = Loopback.connect(server.port())) {
                byte[] challenge = Peer.readExactly(attacker, Peer.NONCE, "the second challenge");
                Peer.Login replay = Peer.answer(attacker, challenge, honest.answer(), honest.ourNonce());
                assertThat(replay.verdict())
                        .withFailMessage("An eavesdropper replayed the honest client's 64 bytes on a new connection, "
                                + "and the server answered \"%s\" instead of refusing.%n"
                                + "  first challenge:  %s%n  second challenge: %s%n"
                                + "A challenge that repeats makes a recorded answer right for ever.", replay.verdict(),
                                Peer.hex(honest.challenge()), Peer.hex(challenge))
                        .startsWith("DENIED: ");
                Peer.expectHangUp(attacker, "refusing the replay");
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: 1,000 handshakes never repeat a nonce, and at least 16 of its bytes look random")
    void noncesNeverRepeat() throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        List<byte[]> nonces = new ArrayList<>();
        try (var server = startServer()) {
            for (int i = 1; i <= 1000; i++) {
                byte[] nonce;
                try (Socket client = Loopback.connect(server.port())) {
                    nonce = Peer.readExactly(client, Peer.NONCE, "challenge #" + i);
                }
                Integer before = seen.putIfAbsent(Peer.hex(nonce), i);
                if (before != null) {
                    fail("Challenge #%d repeats challenge #%d: %s%nA nonce must never be used twice: an answer "
                            + "recorded once would be right again.", i, before, Peer.hex(nonce));
                }
                nonces.add(nonce);
            }
        }
        // For truly random bytes, each position takes about 251 of the 256 values over 1,000 nonces;
        // a counter or a timestamp changes only a few positions.
        int randomLooking = 0;
        StringBuilder distinctPerPosition = new StringBuilder();
        for (int position = 0; position < Peer.NONCE; position++) {
            boolean[] values = new boolean[256];
            int distinct = 0;
            for (byte[] nonce : nonces) {
                if (!values[nonce[position] & 0xff]) {
                    values[nonce[position] & 0xff] = true;
                    distinct++;
                }
            }
            distinctPerPosition.append(distinct).append(' ');
            if (distinct >= 200) {
                randomLooking++;
            }
        }
        assertThat(randomLooking)
                .withFailMessage("Only %d of the %d nonce bytes look random (take 200 or more of the 256 values over "
                        + "1,000 nonces); at least 16 must.%nDistinct values per byte position: %s", randomLooking,
                        Peer.NONCE, distinctPerPosition.toString().strip())
                .isGreaterThanOrEqualTo(16);
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: the nonce cannot be predicted: it is not the output of java.util.Random")
    void noncesAreNotJavaUtilRandom() throws Exception {
        try (var server = startServer()) {
            for (int i = 1; i <= 10; i++) {
                try (Socket client = Loopback.connect(server.port())) {
                    byte[] nonce = Peer.readExactly(client, Peer.NONCE, "challenge #" + i);
                    assertThat(JavaUtilRandom.predicts(nonce))
                            .withFailMessage("Challenge #%d, %s, came from java.util.Random: from its first 8 bytes "
                                    + "this check found the generator's 48-bit state and predicted the other 24. "
                                    + "An attacker can do the same, and then every later nonce.", i, Peer.hex(nonce))
                            .isFalse();
                }
            }
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a wrong key is refused with \"DENIED: ...\", and the connection is closed")
    void wrongKeyIsRefused() throws Exception {
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            Peer.Login login = Peer.login(client, Peer.WRONG_KEY);
            assertRefused(login, "an answer made with the wrong key");
            Peer.expectHangUp(client, "refusing a wrong answer");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: an answer made with the server's label (a reflected proof) is refused")
    void reflectedProofIsRefused() throws Exception {
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            byte[] challenge = Peer.readExactly(client, Peer.NONCE, "the server's challenge");
            byte[] ourNonce = Peer.fresh();
            Peer.Login login = Peer.answer(client, challenge,
                    Peer.join(Peer.hmac(Peer.KEY, Peer.SERVER, challenge), ourNonce), ourNonce);
            assertRefused(login, "HMAC-SHA256(key, b'server' + challenge): a proof for the other direction");
            Peer.expectHangUp(client, "refusing a wrong answer");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: after 3 wrong answers from one address, even the right key is refused for a while")
    void tooManyFailuresLockTheAddressOut() throws Exception {
        FailureLimit limit = new FailureLimit(3, Duration.ofMinutes(5), 100, System::nanoTime);
        try (var server = startServer(Duration.ofSeconds(5), limit)) {
            for (int i = 1; i <= 3; i++) {
                try (Socket stranger = Loopback.connect(server.port())) {
                    assertRefused(Peer.login(stranger, Peer.WRONG_KEY), "wrong answer #" + i);
                }
            }
            try (Socket client = Loopback.connect(server.port())) {
                Peer.Login login = Peer.login(client, Peer.KEY);
                assertThat(login.verdict())
                        .withFailMessage("After 3 wrong answers from 127.0.0.1 (the limit in this check), the next "
                                + "client from there must be refused for a while, even with the right key; the "
                                + "server answered \"%s\".", login.verdict())
                        .startsWith("DENIED: ");
                Peer.expectHangUp(client, "refusing a client from a locked-out address");
            }
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a right answer clears the address's count of wrong answers")
    void rightAnswerClearsTheCount() throws Exception {
        FailureLimit limit = new FailureLimit(3, Duration.ofMinutes(5), 100, System::nanoTime);
        try (var server = startServer(Duration.ofSeconds(5), limit)) {
            for (String round : List.of("first", "second")) {
                for (int i = 1; i <= 2; i++) {
                    try (Socket stranger = Loopback.connect(server.port())) {
                        assertRefused(Peer.login(stranger, Peer.WRONG_KEY), "wrong answer #" + i + " of the " + round
                                + " round");
                    }
                }
                try (Socket client = Loopback.connect(server.port())) {
                    assertAccepted(Peer.login(client, Peer.KEY), "the right key after 2 wrong answers (the limit is 3; "
                            + "a right answer starts the count again), " + round + " round");
                }
            }
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: the deadline is for the handshake only: an authenticated client may pause longer")
    void deadlineEndsWithTheHandshake() throws Exception {
        Duration deadline = Duration.ofMillis(300);
        try (var server = startServer(deadline, FailureLimit.defaults()); Socket client = Loopback.connect(server.port())) {
            assertAccepted(Peer.login(client, Peer.KEY), "the right answer");
            Thread.sleep(deadline.multipliedBy(3).toMillis());
            send(client, "after a pause");
            Expect.reply(client, "AFTER A PAUSE", "the reply after a pause 3 times as long as the handshake's deadline");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: the server logs each client: authenticated, refused and why, hung up")
    void logsEachClient() throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        int honestPort;
        int strangerPort;
        int rudePort;
        try (var server = startServer()) {
            try (Socket client = Loopback.connect(server.port())) {
                honestPort = client.getLocalPort();
                assertAccepted(Peer.login(client, Peer.KEY), "the right answer");
            }
            awaitLog(log, ":" + honestPort + " hung up");
            try (Socket stranger = Loopback.connect(server.port())) {
                strangerPort = stranger.getLocalPort();
                assertRefused(Peer.login(stranger, Peer.WRONG_KEY), "a wrong answer");
                Peer.expectHangUp(stranger, "refusing a wrong answer");
            }
            Socket rude = Loopback.connect(server.port());
            rudePort = rude.getLocalPort();
            Peer.readExactly(rude, Peer.NONCE, "the challenge");
            Loopback.reset(rude);
            awaitLog(log, ":" + rudePort + " left");
        } finally {
            System.setOut(original);
        }
        String text = AuthClientTest.normalized(log.toString(StandardCharsets.UTF_8));
        assertThat(text).as("the server's log")
                .contains(":" + honestPort + " authenticated\n")
                .contains(":" + honestPort + " hung up\n")
                .contains(":" + strangerPort + " refused: wrong answer to the challenge\n")
                .contains(":" + rudePort + " left: ");
    }

    /** Waits up to {@link Timeouts#REPLY} for the log to contain {@code expected}. */
    private static void awaitLog(java.io.ByteArrayOutputStream log, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Timeouts.REPLY.toNanos();
        while (!log.toString(StandardCharsets.UTF_8).contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a client that stalls in the handshake is dropped at the deadline, while another is served")
    void stalledClientIsDroppedAtDeadline() throws Exception {
        // Longer than a check waits for a reply: a server that serves one client at a time would
        // keep the other client waiting past its patience.
        Duration deadline = Timeouts.REPLY.multipliedBy(3).dividedBy(2);
        try (var server = startServer(deadline, FailureLimit.defaults());
                Socket staller = Loopback.connect(server.port())) {
            Peer.readExactly(staller, Peer.NONCE, "the challenge to the client that will stall");
            staller.getOutputStream().write(new byte[] {1, 2, 3}); // 3 of the 64 bytes, then nothing
            try (Socket other = Loopback.connect(server.port())) {
                assertAccepted(Peer.login(other, Peer.KEY), "another client, while the first one stalls");
                send(other, "still here");
                Expect.reply(other, "STILL HERE", "the reply to the other client, while the first one stalls");
            }
            String verdict = Peer.readLine(staller,
                    "a refusal for the stalled client once the deadline (" + deadline.toMillis() + " ms) passed",
                    deadline.plus(Timeouts.REPLY));
            assertThat(verdict).as("the verdict for a client that stalled past the deadline").startsWith("DENIED: ");
            Peer.expectHangUp(staller, "dropping a stalled client");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a handshake split into single bytes on the way succeeds, and the echo works after it")
    void handshakeSplitIntoSingleBytes() throws Exception {
        try (var server = startServer();
                var proxy = FragmentingProxy.start(server.port(), ProxyPlan.seed(7).split(1, 1).pause(Duration.ofMillis(1)));
                Socket client = Loopback.connect(proxy.port())) {
            Peer.Login login = Peer.login(client, Peer.KEY);
            assertAccepted(login, "the right answer, arriving one byte at a time");
            send(client, "one byte at a time");
            Expect.reply(client, "ONE BYTE AT A TIME", "the reply after a handshake that arrived one byte at a time");
        }
    }

    static void assertAccepted(Peer.Login login, String what) {
        if (!login.accepted()) {
            Diagnostics.snapshot();
        }
        assertThat(login.verdict())
                .withFailMessage("The server should answer %s with the line \"OK\", but answered \"%s\".%n"
                        + "  challenge: %s%n  our answer: %s", what, login.verdict(), Peer.hex(login.challenge()),
                        Peer.hex(login.answer()))
                .isEqualTo("OK");
    }

    static void assertRefused(Peer.Login login, String what) {
        if (!login.verdict().startsWith("DENIED: ")) {
            Diagnostics.snapshot();
        }
        assertThat(login.verdict())
                .withFailMessage("The server should refuse %s with a line \"DENIED: reason\", but answered \"%s\"%s.",
                        what, login.verdict(), login.accepted() ? " and served the client" : "")
                .startsWith("DENIED: ")
                .hasSizeGreaterThan("DENIED: ".length());
    }

    private static RunningServer<AuthServer> startServer() throws IOException {
        return startServer(Duration.ofSeconds(10), FailureLimit.defaults());
    }

    private static RunningServer<AuthServer> startServer(Duration deadline, FailureLimit limit) throws IOException {
        return RunningServer.start("AuthServer", AuthServer.bind(Loopback.anyPort(), Peer.KEY.clone(), deadline, limit),
                AuthServer::port, AuthServer::serveForever);
    }

    static void send(Socket client, String message) throws IOException {
        client.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().flush();
    }
}
