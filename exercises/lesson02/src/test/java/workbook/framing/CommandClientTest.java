package workbook.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static workbook.framing.Wire.utf8;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Bytes;
import workbook.testkit.ClientRun;
import workbook.testkit.Diagnostics;
import workbook.testkit.FragmentingProxy;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.Patience;
import workbook.testkit.ProxyPlan;
import workbook.testkit.ReferenceServer;
import workbook.testkit.ScreenAtEachRead;

/** The checks for CommandClient: your client talks to a reference server, fed from a scripted keyboard. */
@LessonChecks
@DisplayName("Lesson 02 · CommandClient (step 5)")
class CommandClientTest {

    private static final String PROMPT = ">>: ";
    private static final Commands COMMANDS = new Commands();

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the client sends each command as one frame: its length, then its UTF-8 bytes")
    void sendsEachCommandAsAFrame() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference CommandServer", reference(Duration.ZERO))) {
            ClientRun run = runClient(server.port(), server, "echo 你好\n\nhelp\n", Duration.ofSeconds(2));
            run.assertFinished();
            byte[] expected = Wire.frames(List.of(utf8("echo 你好"), utf8("help")));
            ReferenceServer.Connection connection = server.expectConnection(0);
            byte[] received = connection.awaitReceived(Duration.ofSeconds(2)); // once the client hung up: all it sent
            assertThat(received).withFailMessage(() -> "What the reference server received for the"
                    + " input lines \"echo 你好\", \"\" and \"help\" (the empty line is not sent):\n"
                    + Bytes.compare(expected, connection.receivedChunks())).isEqualTo(expected);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: each reply is printed whole and once, even when it arrives in slow pieces")
    void printsReplyThatArrivesInSlowPieces() throws Exception {
        List<String> typed = List.of("cat poem.txt", "size big.txt", "cat empty.txt", "head 3000 big.txt", "ls");
        try (ReferenceServer server = ReferenceServer.start("reference CommandServer (replies in pieces, 30 ms apart)",
                reference(Duration.ofMillis(30)))) {
            ClientRun run = runClient(server.port(), server, String.join("\n", typed) + "\n", Duration.ofSeconds(4));
            expectScreen(run, typed, "replies written as: the 4-byte length, then the output in pieces, 30 ms apart");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: outputs of 0 B to 1 MiB are printed whole and in order, however the network cuts them")
    void printsOutputsOfEverySizeThroughTheProxy() throws Exception {
        List<String> typed = List.of("cat empty.txt", "head 1 big.txt", "help", "head 1023 big.txt",
                "head 1024 big.txt", "head 1025 big.txt", "cat numbers.txt", "cat big.txt", "size big.txt",
                "echo done");
        try (ReferenceServer server = ReferenceServer.start("reference CommandServer", reference(Duration.ZERO));
                FragmentingProxy proxy = FragmentingProxy.start(server.port(), ProxyPlan.seed(5).split(1, 2000))) {
            ClientRun run = runClient(proxy.port(), server, String.join("\n", typed) + "\n", Duration.ofSeconds(4));
            expectScreen(run, typed, "the replies cut on the way (proxy " + proxy.plan() + ")");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a reply cut short by the end of the stream is reported as an error, never printed")
    void reportsATruncatedReply() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference server that dies mid-reply", connection -> {
            connection.in().read(new byte[4096]); // the command, whatever it looks like
            OutputStream out = connection.out();
            out.write(Wire.header(5000)); // 5000 bytes announced ...
            out.write(Arrays.copyOf(COMMANDS.run("cat big.txt"), 100)); // ... 100 sent, then the server hangs up
            out.flush();
        })) {
            ClientRun run = runClient(server.port(), server, "cat big.txt\nls\n", Duration.ofSeconds(2));
            run.assertFinished();
            assertThat(printed(run)).withFailMessage(() -> "The server announced a reply of 5000 bytes, sent 100 of them"
                    + " and hung up. Those 100 bytes are not the output of \"cat big.txt\", only its beginning: the"
                    + " client must not print them as if they were.\n" + run.printed()).isEqualTo(PROMPT);
            assertThat(run.exitCode()).as("the exit code after a reply was cut short").isNotZero();
            assertThat(run.err().lines().toList()).as("what the client printed on standard error: one line")
                    .hasSize(1);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the prompt is on the screen (flushed) before the client waits for a line")
    void promptIsShownBeforeReading() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference CommandServer", reference(Duration.ZERO))) {
            ScreenAtEachRead screen = new ScreenAtEachRead();
            ClientRun run = ClientRun.run("CommandClient", (in, out, err) -> CommandClient.run(screen.keyboard(in),
                    screen.out(), err, Loopback.address(server.port())), "size poem.txt\n", server::dropConnections);
            run.assertFinished();
            assertThat(screen.seenAtReads())
                    .as("what the screen showed each time the client read the keyboard (System.out shows"
                            + " printed text only once it is flushed, or a line ends)")
                    .isNotEmpty().first().asString().endsWith(PROMPT);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a server that hangs up between replies is reported in one line, exit code not 0")
    void reportsServerThatHangsUpBetweenReplies() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference server that hangs up after one command", connection -> {
            Wire.readFrame(connection.in(), 4096); // take the command, then hang up without a reply
        })) {
            ClientRun run = runClient(server.port(), server, "ls\nhelp\n", Duration.ofSeconds(2));
            expectOneErrorLine(run, "the server hung up instead of replying");
            assertThat(printed(run)).as("what the client printed (no reply came)").isEqualTo(PROMPT);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a reply whose length is over the client's limit is refused in one line, never read")
    void refusesAReplyOverTheLimit() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference server that announces a 3 GiB reply", connection -> {
            Wire.readFrame(connection.in(), 4096);
            connection.out().write(Wire.header(3L << 30));
            connection.out().flush();
        })) {
            ClientRun run = runClient(server.port(), server, "cat big.txt\n", Duration.ofSeconds(2));
            expectOneErrorLine(run, "the server announced a reply of 3 GiB");
            assertThat(printed(run)).as("what the client printed (nothing of the reply)").isEqualTo(PROMPT);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a connection reset by the server is reported in one line that says so, exit code not 0")
    void reportsResetConnection() throws Exception {
        try (ReferenceServer server = ReferenceServer.start("reference server that resets the connection", connection -> {
            Wire.readFrame(connection.in(), 4096); // take the command, then reset instead of replying
            connection.socket().setSoLinger(true, 0);
            connection.socket().close();
        })) {
            ClientRun run = runClient(server.port(), server, "ls\n", Duration.ofSeconds(2));
            expectOneErrorLine(run, "the server reset the connection");
            assertThat(run.err()).as("the error line after a reset").containsIgnoringCase("reset");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a refused connection or an unknown host is reported in one line, exit code not 0")
    void reportsConnectionThatCannotBeMade() {
        int port = Loopback.refusedPort();
        ClientRun refused = ClientRun.run("CommandClient",
                (in, out, err) -> CommandClient.run(in, out, err, Loopback.address(port)), "ls\n", () -> { });
        expectOneErrorLine(refused, "nothing listened on port " + port);
        assertThat(refused.err()).as("the error line for a refused connection").contains(String.valueOf(port));
        InetSocketAddress nowhere = InetSocketAddress.createUnresolved("no-such-host.invalid", 8080);
        ClientRun unknown = ClientRun.run("CommandClient",
                (in, out, err) -> CommandClient.run(in, out, err, nowhere), "ls\n", () -> { });
        expectOneErrorLine(unknown, "the host name could not be resolved");
        assertThat(unknown.err()).as("the error line for an unknown host").contains("no-such-host.invalid");
    }

    /** The client ended with a non-zero exit code and said what happened in one line, without a stack trace. */
    private static void expectOneErrorLine(ClientRun run, String when) {
        run.assertFinished();
        assertThat(run.exitCode()).as("the exit code when %s", when).isNotZero();
        assertThat(run.err().lines().toList()).as("what the client printed on standard error when %s", when)
                .hasSize(1).allSatisfy(line -> assertThat(line).doesNotContain("Exception").doesNotContain("null"));
    }

    /** The reference server: answers each command frame with the frame of its output, optionally in slow pieces. */
    private static ReferenceServer.Handler reference(Duration pause) {
        return connection -> {
            OutputStream out = connection.out();
            for (Optional<byte[]> command; (command = Wire.readFrame(connection.in(), 4096)).isPresent(); ) {
                byte[] frame = Wire.frame(COMMANDS.run(new String(command.get(), StandardCharsets.UTF_8)));
                if (pause.isZero()) {
                    out.write(frame);
                    out.flush();
                    continue;
                }
                // The length alone, then the output in three pieces, each after a pause.
                int[] cuts = {0, 4, 4 + (frame.length - 4) / 3, 4 + 2 * (frame.length - 4) / 3, frame.length};
                for (int i = 0; i + 1 < cuts.length; i++) {
                    if (cuts[i + 1] > cuts[i]) {
                        Patience.pause(i == 0 ? 0 : pause.toMillis());
                        out.write(frame, cuts[i], cuts[i + 1] - cuts[i]);
                        out.flush();
                    }
                }
            }
        };
    }

    private static ClientRun runClient(int port, ReferenceServer server, String keyboard, Duration patience) {
        return ClientRun.run("CommandClient",
                (in, out, err) -> CommandClient.run(in, out, err, Loopback.address(port)), keyboard, patience,
                server::dropConnections);
    }

    /** What the screen should show: a prompt, each output (with a new line added if it has none), a last prompt. */
    private static void expectScreen(ClientRun run, List<String> typed, String how) {
        run.assertFinished();
        StringBuilder screen = new StringBuilder();
        for (String command : typed) {
            String output = new String(COMMANDS.run(command), StandardCharsets.UTF_8);
            screen.append(PROMPT).append(output).append(output.isEmpty() || output.endsWith("\n") ? "" : "\n");
        }
        screen.append(PROMPT).append('\n');
        byte[] expected = utf8(screen.toString());
        byte[] printed = utf8(printed(run));
        if (!Arrays.equals(expected, printed)) {
            Diagnostics.snapshot();
            fail("The client was typed " + typed + ", with " + how + ". What it printed differs from the"
                    + " outputs, each printed once, whole, after its prompt:\n"
                    + Bytes.compare(expected, List.of(printed))
                    + "Standard error:\n" + Wire.indent(Bytes.show(utf8(run.err()))));
        }
        assertThat(run.exitCode()).as("the exit code after the input ended").isZero();
    }

    /** What the client printed, with the platform's line ends (println writes CRLF on Windows) as "\n". */
    private static String printed(ClientRun run) {
        return run.out().replace("\r\n", "\n");
    }
}
