package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.DatagramProbe;
import workbook.testkit.LessonChecks;
import workbook.testkit.LiveClient;

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
            chat.awaitOutput("[127.0.0.1:4000] hello from bob",
                    "a message relayed by the room while nobody was typing");
            chat.type("hi bob");
            room.expect("hi bob", "the line typed, sent to the room as one datagram");
            chat.type("");
            room.send(joined.sender(), "[127.0.0.1:4001] and hello from carol".getBytes());
            chat.awaitOutput("[127.0.0.1:4001] and hello from carol", "a second relayed message");
            chat.endInput();
            assertThat(chat.awaitExit()).as("the exit code after the input ended").isZero();
            room.expectNothing("after the client left (an empty line is not a message)");
        }
    }
}
