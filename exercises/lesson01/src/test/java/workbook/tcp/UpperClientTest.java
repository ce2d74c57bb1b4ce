package workbook.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.ClientRun;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.ReferenceServer;
import workbook.testkit.ScreenAtEachRead;

/** The checks for UpperClient: your client talks to a reference server, fed from a scripted keyboard. */
@LessonChecks
@DisplayName("Lesson 01 · UpperClient (steps 6 and 7)")
class UpperClientTest {

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: the client skips empty input instead of waiting forever for a reply")
    void skipsEmptyInput() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference UpperServer", UpperClientTest::upperCaseEcho)) {
            ClientRun run = runClient(server, "\n   \nhello\n");
            run.assertFinished();
            assertThat(server.expectConnection(0).received())
                    .withFailMessage("The server should have received exactly \"hello\" but received \"%s\".",
                            new String(server.connections().get(0).received(), StandardCharsets.UTF_8))
                    .isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(printed(run)).as("what the client printed").isEqualTo(">>: >>: >>: HELLO\n>>: \n");
        }
    }

    @Test
    @Tag("step:7")
    @DisplayName("Step 7: the client prints each reply, ends when its input ends, and hangs up politely")
    void endsOnEndOfInput() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference UpperServer", UpperClientTest::upperCaseEcho)) {
            ClientRun run = runClient(server, "hello\nsee you\n");
            run.assertFinished();
            assertThat(run.exitCode()).as("the exit code after the input ended").isZero();
            assertThat(printed(run)).as("what the client printed").isEqualTo(">>: HELLO\n>>: SEE YOU\n>>: \n");
            server.expectConnection(0).expectHangUp("its input ended: the client must close its socket when its"
                    + " input ends");
        }
    }

    @Test
    @Tag("step:7")
    @DisplayName("Step 7: a refused connection is reported in one clear line, not a stack trace")
    void reportsRefusedConnectionInOneLine() {
        int port = Loopback.refusedPort();
        ClientRun run = ClientRun.run("UpperClient",
                (in, out, err) -> UpperClient.run(in, out, err, Loopback.address(port)), "hello\n", () -> { });
        run.assertFinished();
        assertThat(run.exitCode()).as("the exit code when the connection was refused").isNotZero();
        assertThat(run.err().lines().toList())
                .as("what the client printed on standard error").hasSize(1)
                .allSatisfy(line -> assertThat(line).contains(String.valueOf(port)).doesNotContain("Exception"));
    }

    @Test
    @Tag("step:7")
    @DisplayName("Step 7: a server that hangs up mid-conversation is reported in one line")
    void reportsServerThatHangsUp() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference server that hangs up", connection -> {
            connection.in().read(new byte[1024]); // take the first message, then hang up without a reply
        })) {
            ClientRun run = runClient(server, "hello\nanyone there?\n");
            run.assertFinished();
            assertThat(run.exitCode()).as("the exit code when the server hung up").isNotZero();
            assertThat(run.err().lines().toList()).as("what the client printed on standard error").hasSize(1);
        }
    }

    @Test
    @Tag("step:7")
    @DisplayName("Step 7: the prompt is on the screen (flushed) before the client waits for a line")
    void promptIsShownBeforeReading() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference UpperServer", UpperClientTest::upperCaseEcho)) {
            ScreenAtEachRead screen = new ScreenAtEachRead();
            ClientRun run = ClientRun.run("UpperClient", (in, out, err) -> UpperClient.run(screen.keyboard(in),
                    screen.out(), err, Loopback.address(server.port())), "hello\n", server::dropConnections);
            run.assertFinished();
            assertThat(screen.seenAtReads())
                    .as("what the screen showed each time the client read the keyboard (System.out shows"
                            + " printed text only once it is flushed, or a line ends)")
                    .isNotEmpty().first().asString().endsWith(UpperClient.PROMPT);
        }
    }

    @Test
    @Tag("step:7")
    @DisplayName("Step 7: a connection reset by the server is reported in one line that says so, exit code not 0")
    void reportsResetConnection() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference server that resets the connection", connection -> {
            connection.in().read(new byte[1024]); // take the first message, then reset instead of replying
            connection.socket().setSoLinger(true, 0);
            connection.socket().close();
        })) {
            ClientRun run = runClient(server, "hello\nanyone there?\n");
            run.assertFinished();
            assertThat(run.exitCode()).as("the exit code when the connection was reset").isNotZero();
            assertThat(run.err().lines().toList()).as("what the client printed on standard error").hasSize(1)
                    .allSatisfy(line -> assertThat(line).containsIgnoringCase("reset")
                            .doesNotContain("null").doesNotContain("Exception"));
        }
    }

    @Test
    @Tag("step:7")
    @DisplayName("Step 7: a host name that cannot be resolved is reported in one line, exit code not 0")
    void reportsUnknownHost() {
        InetSocketAddress nowhere = InetSocketAddress.createUnresolved("no-such-host.invalid", 8080);
        ClientRun run = ClientRun.run("UpperClient", (in, out, err) -> UpperClient.run(in, out, err, nowhere),
                "hello\n", () -> { });
        run.assertFinished();
        assertThat(run.exitCode()).as("the exit code when the host name is unknown").isNotZero();
        assertThat(run.err().lines().toList()).as("what the client printed on standard error").hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("no-such-host.invalid").doesNotContain("Exception"));
    }

    private static ClientRun runClient(ReferenceServer server, String keyboard) {
        return ClientRun.run("UpperClient",
                (in, out, err) -> UpperClient.run(in, out, err, Loopback.address(server.port())), keyboard,
                server::dropConnections);
    }

    /** The reference server: answers each read with its bytes, a to z upper-cased. */
    private static void upperCaseEcho(ReferenceServer.Connection connection) throws IOException {
        InputStream in = connection.in();
        OutputStream out = connection.out();
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

    /** What the client printed, with the platform's line ends (println writes CRLF on Windows) as "\n". */
    private static String printed(ClientRun run) {
        return run.out().replace("\r\n", "\n");
    }
}
