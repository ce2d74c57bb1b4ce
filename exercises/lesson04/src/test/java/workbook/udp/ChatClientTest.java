package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.ClientRun;
import workbook.testkit.DatagramProbe;
import workbook.testkit.LessonChecks;
import workbook.testkit.LiveClient;
import workbook.testkit.Loopback;

/** The checks for ChatClient: your client joins a reference room (a socket of the check) while the check types. */
@LessonChecks
@DisplayName("Lesson 04 · ChatClient (step 6)")
class ChatClientTest {

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: the chat client joins, prints what others say while you are not typing, and sends what you type")
    void receivesWhileWaitingForTheKeyboard() throws Exception {
        try (var room = DatagramProbe.open("reference chat room");
                var chat = LiveClient.start("ChatClient", (in, out, err) -> ChatClient.run(in, out, err, room.address()),
                        () -> { })) {
            var joined = room.expect(new byte[0], "the client's first datagram: an empty one, to join the room");
            room.send(joined.sender(), "[127.0.0.1:4000] hello from bob".getBytes());
            chat.expectOutput("[127.0.0.1:4000] hello from bob",
                    "a message relayed by the room while nobody was typing");
            chat.type("hi bob");
            room.expect("hi bob", "the line typed, sent to the room as one datagram");
            chat.type("");
            room.send(joined.sender(), "[127.0.0.1:4001] and hello from carol".getBytes());
            chat.expectOutput("[127.0.0.1:4001] and hello from carol", "a second relayed message");
            chat.endInput();
            assertThat(chat.expectExit()).as("the exit code after the input ended").isZero();
            room.expectNothing("after the client left (an empty line is not a message)");
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: the chat client shows where it joined and its prompt, and ignores strangers")
    void showsTheRoomAndThePromptBeforeTheUserTypes() throws Exception {
        try (var room = DatagramProbe.open("reference chat room");
                var chat = LiveClient.start("ChatClient", (in, out, err) -> ChatClient.run(in, out, err, room.address()),
                        () -> { })) {
            var joined = room.expect(new byte[0], "the client's first datagram: an empty one, to join the room");
            chat.expectOutput("Joined the room at 127.0.0.1:" + room.port() + ".", "where it joined");
            chat.expectOutput(">>: ", "the prompt, before anything was typed");
            try (var stranger = DatagramProbe.open("a stranger, not the room")) {
                stranger.send(joined.sender(), "[127.0.0.1:666] buy cheap watches".getBytes(StandardCharsets.UTF_8));
            }
            room.send(joined.sender(), "[127.0.0.1:4000] hello from bob".getBytes(StandardCharsets.UTF_8));
            chat.expectOutput("[127.0.0.1:4000] hello from bob", "a message relayed by the room");
            chat.endInput();
            assertThat(chat.expectExit()).as("the exit code after the input ended").isZero();
            assertThat(chat.out()).as("what the chat client printed (datagrams from anyone but the room are ignored)")
                    .doesNotContain("cheap watches");
            assertThat(chat.out().replace("\r\n", "\n")).as("what the chat client printed, at the end")
                    .endsWith(">>: \n");
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: a line too long for one datagram is refused in one line; the longest that fits is sent")
    void refusesALineTooLongForOneDatagram() throws Exception {
        String largest = "x".repeat(65_507);
        try (var room = DatagramProbe.open("reference chat room");
                var chat = LiveClient.start("ChatClient", (in, out, err) -> ChatClient.run(in, out, err, room.address()),
                        () -> { })) {
            room.expect(new byte[0], "the client's first datagram: an empty one, to join the room");
            chat.type(largest + "x");
            chat.type(largest);
            room.expect(largest, "the 65,507-byte line typed after a line one byte longer");
            chat.endInput();
            assertThat(chat.expectExit()).as("the exit code after the input ended").isZero();
            assertThat(chat.err().lines().toList()).as("what it printed on standard error").hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("65508"));
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: an unknown host, or a port it cannot send to, ends the chat client with one line and exit code 1")
    void failsInOneLine() {
        ClientRun unknown = ClientRun.run("ChatClient", (in, out, err) -> ChatClient.run(in, out, err,
                InetSocketAddress.createUnresolved("no-such-host.invalid", 8081)), "hi\n", () -> { });
        unknown.assertFinished();
        assertThat(unknown.exitCode()).as("the exit code for an unknown host").isEqualTo(1);
        assertThat(unknown.err().lines().toList()).as("what it printed on standard error").containsExactly(
                "Unknown host: no-such-host.invalid");
        ClientRun portZero = ClientRun.run("ChatClient", (in, out, err) -> ChatClient.run(in, out, err,
                Loopback.address(0)), "hi\n", () -> { });
        portZero.assertFinished();
        assertThat(portZero.exitCode()).as("the exit code for a room at port 0").isEqualTo(1);
        assertThat(portZero.err().lines().toList()).as("what it printed on standard error").hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("Chat failed: ").doesNotContain("null"));
    }
}
