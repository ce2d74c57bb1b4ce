package workbook.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static workbook.framing.Wire.utf8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Bytes;
import workbook.testkit.Diagnostics;
import workbook.testkit.Expect;
import workbook.testkit.FragmentingProxy;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.ProxyPlan;
import workbook.testkit.Received;
import workbook.testkit.RecordingOutputStream;
import workbook.testkit.RunningServer;
import workbook.testkit.Timeouts;

/**
 * The checks for CommandServer: each plays a client that speaks frames, mostly through a proxy that cuts and glues
 * the bytes on the way as a real network may (the seed is printed when a check fails).
 */
@LessonChecks
@DisplayName("Lesson 02 · CommandServer (steps 3 and 4)")
class CommandServerTest {

    /** Outputs of 0 B to 4 KiB: small enough to send one byte at a time. */
    static final List<String> SMALL = List.of("help", "cat empty.txt", "head 1 big.txt", "ls", "cat poem.txt",
            "size big.txt", "head 1023 big.txt", "head 1024 big.txt", "head 1025 big.txt", "cat readme.txt",
            "echo 你好, server", "no-such-command", "head 4096 numbers.txt");
    /** Outputs of 0 B to 1 MiB. */
    static final List<String> ALL = List.of("cat empty.txt", "head 1 big.txt", "help", "head 1024 big.txt",
            "head 1025 big.txt", "cat numbers.txt", "head 65536 big.txt", "head 65537 big.txt", "cat big.txt",
            "size big.txt", "cat empty.txt");

    private final Commands commands = new Commands();

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: the server hands each reply to TCP in one write, length and output together")
    void writesEachReplyInOneWrite() throws IOException {
        List<String> sent = List.of("help", "ls", "cat poem.txt", "size big.txt", "cat empty.txt", "head 4000 big.txt",
                "cat readme.txt");
        RecordingOutputStream out = new RecordingOutputStream();
        try (CommandServer server = CommandServer.bind(Loopback.anyPort())) {
            server.converse(new ByteArrayInputStream(Wire.frames(sent.stream().map(Wire::utf8).toList())), out);
        }
        List<byte[]> expected = sent.stream().map(c -> Wire.frame(commands.run(c))).toList();
        List<byte[]> writes = out.writes();
        if (!FrameReaderTest.sameMessages(expected, writes)) {
            fail("converse() was given the commands " + sent + " (as frames, all at once, no socket involved) and"
                    + " should answer each with ONE write holding the whole reply frame: " + expected.size()
                    + " writes of " + FrameReaderTest.sizes(expected) + " bytes.\nIt made " + writes.size()
                    + " writes of " + FrameReaderTest.sizes(writes) + " bytes:\n" + Wire.indent(Bytes.show(writes))
                    + (Arrays.equals(Bytes.concat(writes), Bytes.concat(expected))
                            ? "The bytes are right; only the way they are handed over is not."
                            : "Compared as one stream:\n" + Bytes.compare(Bytes.concat(expected), writes)));
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: the sandbox's commands answer as documented (no sockets, already true)")
    void commandsAnswerAsDocumented() {
        assertThat(commands.run("size big.txt")).asString().isEqualTo("1048576\n");
        assertThat(commands.run("cat big.txt")).hasSize(Commands.MAX_OUTPUT);
        assertThat(commands.run("cat empty.txt")).isEmpty();
        assertThat(commands.run("head 5 big.txt")).asString().isEqualTo("big.t");
        assertThat(commands.run("ls")).asString()
                .contains("big.txt", "empty.txt", "numbers.txt", "poem.txt", "readme.txt");
        assertThat(new String(commands.run("cat ../../etc/passwd"))).startsWith("error: no such file");
        assertThat(new String(commands.run("rm -rf /"))).startsWith("error: unknown command: rm");
        assertThat(commands.run("")).isEmpty();
        assertThat(commands.run("head 0 big.txt")).isEmpty();
        assertThat(commands.run("size poem.txt")).asString().isEqualTo("266\n");
        assertThat(commands.run("echo  hi  there ")).asString().isEqualTo("hi  there\n");
        for (String bad : List.of("head 5", "head five big.txt", "head -1 big.txt", "head 5 nothing.txt",
                "size nothing.txt", "cat", "size")) {
            assertThat(new String(commands.run(bad), java.nio.charset.StandardCharsets.UTF_8)).as("the output of \"%s\"", bad)
                    .startsWith("error: ").endsWith("\n");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: outputs of 0 B to 4 KiB arrive whole and once, with every byte cut apart on the way")
    void smallOutputsThroughOneBytePieces() throws IOException {
        conversation(ProxyPlan.seed(1).split(1, 1), SMALL, false);
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: outputs of 0 B to 1 MiB arrive whole and once, cut into random pieces on the way")
    void allOutputsThroughRandomPieces() throws IOException {
        conversation(ProxyPlan.seed(2).split(1, 1500), ALL, false);
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: commands written apart but glued together on the way are each answered once, in order")
    void commandsMergedOnTheWay() throws IOException {
        conversation(ProxyPlan.seed(3).merge(Duration.ofMillis(30)), ALL, true);
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: 30 pipelined commands, sent in one write, are answered in order, each once")
    void pipelinedCommands() throws IOException {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(i % 3 == 0 ? "echo command " + i : i % 3 == 1 ? "head " + (i * 97) + " numbers.txt" : "");
        }
        try (var server = startServer();
                var proxy = FragmentingProxy.start(server.port(), ProxyPlan.seed(4).split(1, 7));
                Socket client = Loopback.connect(proxy.port())) {
            Wire.sendAll(client, sent);
            for (int i = 0; i < sent.size(); i++) {
                Wire.expectReply(client, commands.run(sent.get(i)), "the reply to pipelined command " + (i + 1)
                        + " of 30, \"" + sent.get(i) + "\"");
            }
            Expect.nothingMore(client, "the 30 replies");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a command frame longer than the limit is refused at once, and the server goes on")
    void refusesTooLongCommand() throws IOException {
        try (var server = startServer()) {
            try (Socket client = Loopback.connect(server.port())) {
                // 2 GiB announced, and the first 64 KiB of it sent: the server must refuse it unread, yet
                // make sure its error frame still reaches the client (no reset while input is unread).
                client.getOutputStream().write(Wire.header(0x7fffffffL));
                client.getOutputStream().write(new byte[64 * 1024]);
                Received header = Received.read(client, 4, Timeouts.REPLY);
                long length = header.bytes().length < 4 ? -1
                        : Integer.toUnsignedLong(ByteBuffer.wrap(header.bytes()).getInt());
                if (length < 0 || length > 1000) {
                    Diagnostics.snapshot();
                    fail("After the header 7f ff ff ff (a command of 2147483647 bytes, far over the limit of "
                            + CommandServer.MAX_COMMAND_LENGTH + "), the server should answer at once with a short"
                            + " error frame. " + header.story() + "\n" + Wire.indent(Bytes.show(header.chunks()))
                            + (length > 1000 ? "As a length field these bytes say " + length + "." : ""));
                }
                Received error = Received.read(client, (int) length, Timeouts.REPLY);
                assertThat(new String(error.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .as("the error reply to a 2 GiB command (%s)", error.story()).startsWith("error: ")
                        .contains("2147483647");
                assertThat(Received.read(client, 1, Timeouts.REPLY).ending())
                        .as("how the connection went on after the error reply (the server should hang up: after a"
                                + " frame it will not read, it cannot know where the next one starts)")
                        .isEqualTo(Received.Ending.END_OF_STREAM);
            }
            server.assertNotCrashed("a client announced a 2 GiB command");
            answersAnotherClient(server);
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a client that hangs up in the middle of a command does not stop the server")
    void survivesClientLeavingMidCommand() throws IOException {
        try (var server = startServer()) {
            try (Socket client = Loopback.connect(server.port())) {
                client.getOutputStream().write(Bytes.concat(List.of(Wire.header(100), utf8("cat big"))));
                client.shutdownOutput(); // 7 of the 100 bytes announced, then the end of the stream
                Received reply = Received.whatever(client, Duration.ofMillis(300));
                assertThat(reply.bytes()).withFailMessage(() -> "The client announced a command of 100 bytes, sent 7"
                        + " of them (\"cat big\") and hung up. A command cut short must not run, and nothing should"
                        + " come back. " + reply.story() + "\n" + Wire.indent(Bytes.show(reply.chunks()))).isEmpty();
            }
            server.assertNotCrashed("a client hung up in the middle of a command");
            answersAnotherClient(server);
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: close() ends the conversation in progress, and serveForever returns normally")
    void closeEndsTheConversationInProgress() throws IOException {
        var server = startServer();
        try (server; Socket client = Loopback.connect(server.port())) {
            Wire.sendEach(client, List.of("size poem.txt"));
            Wire.expectReply(client, commands.run("size poem.txt"), "the reply to \"size poem.txt\"");
            server.expectCloseEndsConversation(client);
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a client that stays silent is dropped after the idle limit, and the next client is served")
    void dropsSilentClient() throws IOException {
        Duration idleLimit = Duration.ofSeconds(1);
        try (var server = startServer(CommandServer.bind(Loopback.anyPort(), idleLimit, Duration.ofSeconds(1)));
                Socket silent = Loopback.connect(server.port())) {
            Received seen = Received.read(silent, 1, idleLimit.plus(Timeouts.REPLY));
            assertThat(seen.ending())
                    .as("what a client that connected and sent nothing saw (%s): with an idle limit of %d ms the"
                            + " server should hang up on it, or every other client waits", seen.story(),
                            idleLimit.toMillis())
                    .isIn(Received.Ending.END_OF_STREAM, Received.Ending.BROKEN);
            server.assertNotCrashed("a silent client was dropped");
            answersAnotherClient(server);
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a client that sends half a command, then one byte now and then, is dropped at the frame limit")
    void dropsClientThatDripsACommand() throws IOException {
        Duration frameLimit = Duration.ofSeconds(1);
        Duration drip = Duration.ofMillis(200);
        long patience = (frameLimit.toMillis() + Timeouts.REPLY.toMillis()) / drip.toMillis();
        try (var server = startServer(CommandServer.bind(Loopback.anyPort(), Duration.ofSeconds(5), frameLimit));
                Socket slow = Loopback.connect(server.port())) {
            // Half a command: 100 bytes announced, 4 sent; then one more byte every 200 ms. No single read
            // waits long, so only a limit on the whole frame, counted from its first byte, ends this.
            slow.getOutputStream().write(Bytes.concat(List.of(Wire.header(100), utf8("cat "))));
            boolean dropped = false;
            String story = "nothing arrived";
            for (long drips = 0; drips < patience && !dropped; drips++) {
                Received seen = Received.read(slow, 1, drip);
                story = seen.story();
                if (seen.ending() == Received.Ending.COMPLETE) {
                    break; // a reply to a command that never arrived whole
                }
                dropped = seen.ending() != Received.Ending.TIMED_OUT || !dripOneByte(slow);
            }
            assertThat(dropped)
                    .withFailMessage("A client sent half a command (100 bytes announced, 4 sent), then one byte every"
                            + " %d ms. With a frame limit of %d ms the server should have hung up on it within %d ms,"
                            + " but it did not (last read: %s).", drip.toMillis(), frameLimit.toMillis(),
                            patience * drip.toMillis(), story)
                    .isTrue();
            server.assertNotCrashed("a client too slow to send its command was dropped");
            answersAnotherClient(server);
        }
    }

    /** Sends one more byte of the command; false if the server has already hung up. */
    private static boolean dripOneByte(Socket slow) {
        try {
            slow.getOutputStream().write('x');
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends the commands (each in its own write, or all at once) through a proxy and expects every reply in order. */
    private void conversation(ProxyPlan plan, List<String> sent, boolean writeApart) throws IOException {
        try (var server = startServer();
                var proxy = FragmentingProxy.start(server.port(), plan);
                Socket client = Loopback.connect(proxy.port())) {
            if (writeApart) {
                Wire.sendEach(client, sent);
            }
            for (int i = 0; i < sent.size(); i++) {
                if (!writeApart) {
                    Wire.sendEach(client, List.of(sent.get(i)));
                }
                byte[] output = commands.run(sent.get(i));
                Wire.expectReply(client, output, "the reply to \"" + sent.get(i) + "\" (" + output.length
                        + " bytes of output), command " + (i + 1) + " of " + sent.size());
            }
            Expect.nothingMore(client, "the last reply");
        }
    }

    private static RunningServer<CommandServer> startServer() throws IOException {
        return startServer(CommandServer.bind(Loopback.anyPort()));
    }

    private static RunningServer<CommandServer> startServer(CommandServer bound) {
        return RunningServer.start("CommandServer", bound, CommandServer::port, CommandServer::serveForever);
    }

    private void answersAnotherClient(RunningServer<CommandServer> server) throws IOException {
        server.assertStillServing("that client left");
        try (Socket next = Loopback.connect(server.port())) {
            Wire.sendEach(next, List.of("size poem.txt"));
            Wire.expectReply(next, commands.run("size poem.txt"), "the reply to the next client's \"size poem.txt\"");
        }
    }
}
