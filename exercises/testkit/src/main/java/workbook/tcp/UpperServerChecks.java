package workbook.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Expect;
import workbook.testkit.FragmentingProxy;
import workbook.testkit.Loopback;
import workbook.testkit.ProxyPlan;
import workbook.testkit.Received;
import workbook.testkit.RunningServer;
import workbook.testkit.Timeouts;

/**
 * The checks of lesson 01's upper-case echo server, whichever server it is: a subclass says which one
 * (its {@code startServer} methods and {@link #address}), and annotates itself with
 * {@code @LessonChecks} and a {@code @DisplayName}. Each check plays a client (or several) against the
 * server on loopback.
 *
 * <p>Lesson 01 runs them against your {@code UpperServer} ({@code UpperServerTest}); lesson 05 runs
 * them again against the framework's {@code UpperEchoServer}. They live in the testkit, not in lesson
 * 01, so that lesson 05 can use them without building lesson 01: your lesson 01, finished or not, never
 * decides whether lesson 05 compiles. They depend on the testkit only.
 *
 * @param <S> the server class under test
 */
public abstract class UpperServerChecks<S extends AutoCloseable> {

    /** Binds the server under test on a free loopback port (port 0), with its default idle limit, and runs it in a thread. */
    protected abstract RunningServer<S> startServer() throws IOException;

    /** The same, with a server that hangs up on a client that stays silent for {@code idleLimit}. */
    protected abstract RunningServer<S> startServer(Duration idleLimit) throws IOException;

    /** The address the server says it is bound to. */
    protected abstract InetSocketAddress address(S server);

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the server binds loopback on port 0 and reports the port it got")
    void bindsLoopbackAndReportsPort() throws Exception {
        try (var server = startServer()) {
            assertThat(server.port())
                    .as("port() after binding port 0 (the operating system picks a free port)")
                    .isBetween(1, 65535);
            InetSocketAddress address = address(server.server());
            assertThat(address.getAddress().isLoopbackAddress())
                    .as("the server was asked to bind 127.0.0.1; address() says %s", address)
                    .isTrue();
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: one message comes back upper-cased")
    void echoesOneMessage() throws Exception {
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            send(client, "hello, server");
            Expect.reply(client, "HELLO, SERVER", "the reply to \"hello, server\"");
            Expect.nothingMore(client, "the reply to \"hello, server\"");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: only a to z change; every other ASCII byte comes back as it was")
    void changesOnlyLowerCaseLetters() throws Exception {
        byte[] ascii = new byte[128];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) i;
        }
        byte[] expected = ascii.clone();
        for (int c = 'a'; c <= 'z'; c++) {
            expected[c] = (byte) (c - 32);
        }
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            client.getOutputStream().write(ascii);
            Expect.reply(client, expected, "the reply to the 128 ASCII bytes 0x00 to 0x7f");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a conversation: 50 messages on one connection, each answered in turn")
    void answersManyMessagesOnOneConnection() throws Exception {
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            for (int i = 1; i <= 50; i++) {
                String message = "message " + i + " of 50: " + "abc".repeat(i % 7);
                send(client, message);
                Expect.reply(client, message.toUpperCase(Locale.ROOT), "the reply to message " + i);
            }
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: three clients, one after another, are all served")
    void servesClientsOneAfterAnother() throws Exception {
        try (var server = startServer()) {
            for (int i = 1; i <= 3; i++) {
                try (Socket client = connectAs(server, "client " + i)) {
                    send(client, "i am client " + i);
                    Expect.reply(client, "I AM CLIENT " + i, "the reply to client " + i + " (after "
                            + (i - 1) + " earlier clients came and went)");
                }
            }
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: close() ends the conversation in progress, and serveForever returns without an exception")
    void closeEndsTheConversationInProgress() throws Exception {
        var server = startServer();
        try (server; Socket client = Loopback.connect(server.port())) {
            send(client, "still here");
            Expect.reply(client, "STILL HERE", "the reply to \"still here\"");
            server.expectCloseEndsConversation(client);
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a client that stays silent is dropped after the idle limit, and the next client is served")
    void dropsSilentClient() throws Exception {
        Duration idleLimit = Duration.ofSeconds(1);
        try (var server = startServer(idleLimit);
                Socket silent = Loopback.connect(server.port())) {
            Received seen = Received.read(silent, 1, idleLimit.plus(Timeouts.REPLY));
            assertThat(seen.ending())
                    .as("what a client that sent nothing saw (%s): with an idle limit of %d ms the server should"
                            + " hang up on it", seen.story(), idleLimit.toMillis())
                    .isIn(Received.Ending.END_OF_STREAM, Received.Ending.BROKEN);
            server.assertNotCrashed("a silent client was dropped");
            if (server.isServing()) { // whether it serves the next client is step 3's matter
                answersAnotherClient(server);
            }
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a client that hangs up does not crash the server")
    void survivesClientThatHangsUp() throws Exception {
        try (var server = startServer()) {
            try (Socket polite = Loopback.connect(server.port())) {
                send(polite, "bye soon");
                Expect.reply(polite, "BYE SOON", "the reply to \"bye soon\"");
            } // close(): the server's read() now returns -1
            server.assertNotCrashed("a client hung up politely (its socket was closed)");
            if (server.isServing()) { // whether it serves the next client is step 3's matter
                answersAnotherClient(server);
            }
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a client that resets the connection does not crash the server")
    void survivesClientThatResets() throws Exception {
        try (var server = startServer()) {
            Socket rude = Loopback.connect(server.port());
            send(rude, "about to crash");
            Expect.reply(rude, "ABOUT TO CRASH", "the reply to \"about to crash\"");
            Loopback.reset(rude); // like a crashed client: the server's read() now throws "Connection reset"
            server.assertNotCrashed("a client reset its connection");
            if (server.isServing()) {
                answersAnotherClient(server);
            }
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: Chinese text, split into single bytes on the way, comes back untouched")
    void keepsMultiByteCharactersThatArriveSplit() throws Exception {
        String message = "hello 你好, café 世界";
        try (var server = startServer();
                var proxy = FragmentingProxy.start(server.port(), ProxyPlan.seed(1).split(1, 1).pause(Duration.ofMillis(1)));
                Socket client = Loopback.connect(proxy.port())) {
            send(client, message);
            Expect.reply(client, "HELLO 你好, CAFé 世界", "the reply to \"" + message + "\" (sent one byte at a time)");
            Expect.nothingMore(client, "the reply");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: bytes that are not text at all (0x80 to 0xff) come back untouched")
    void keepsBytesThatAreNotText() throws Exception {
        byte[] high = new byte[128];
        for (int i = 0; i < high.length; i++) {
            high[i] = (byte) (0x80 + i);
        }
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            client.getOutputStream().write(high);
            Expect.reply(client, high, "the reply to the 128 bytes 0x80 to 0xff");
            Expect.nothingMore(client, "the reply");
        }
    }

    private static Socket connectAs(RunningServer<?> server, String who) throws IOException {
        try {
            return Loopback.connect(server.port());
        } catch (ConnectException e) {
            return fail("%s could not connect to port %d: %s. Nothing is listening there any more.", who,
                    server.port(), e.getMessage());
        }
    }

    private static void answersAnotherClient(RunningServer<?> server) throws IOException {
        try (Socket next = connectAs(server, "the next client")) {
            send(next, "next please");
            Expect.reply(next, "NEXT PLEASE", "the reply to the next client");
        }
    }

    private static void send(Socket client, String message) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
