package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.DatagramProbe;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.RunningServer;

/** The checks for ChatServer: each one plays several members of the room, on loopback. */
@LessonChecks
@DisplayName("Lesson 04 · ChatServer (steps 3 and 6)")
class ChatServerTest {

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: the room relays a short message after a long one with no stale bytes")
    void relaysShortAfterLongWithoutStaleBytes() throws Exception {
        try (var room = startRoom(); var a = DatagramProbe.open("member A"); var b = DatagramProbe.open("member B")) {
            join(room, a, b);
            String long1 = "a rather long message, to fill the buffer";
            a.send(room.port(), long1);
            b.expect(label(a) + long1, "the long message from A, relayed to B");
            a.send(room.port(), "ok");
            b.expect(label(a) + "ok", "the short message \"ok\" from A, relayed to B right after the long one");
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: a message goes to every other member, labelled with its sender, and not back to the sender")
    void relaysToEveryOtherMember() throws Exception {
        try (var room = startRoom(); var a = DatagramProbe.open("member A"); var b = DatagramProbe.open("member B");
                var c = DatagramProbe.open("member C")) {
            join(room, a, b, c);
            a.send(room.port(), "hello, room 你好");
            b.expect(label(a) + "hello, room 你好", "A's message, relayed to B");
            c.expect(label(a) + "hello, room 你好", "A's message, relayed to C");
            a.expectNothing("after A spoke (the room must not send a message back to its sender)");
            b.send(room.port(), "hi A, B here: nice to meet you");
            a.expect(label(b) + "hi A, B here: nice to meet you", "B's answer, relayed to A");
            c.expect(label(b) + "hi A, B here: nice to meet you", "B's answer, relayed to C");
            b.expectNothing("after B spoke (the room must not send a message back to its sender)");
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: an empty datagram joins the room and relays nothing")
    void emptyDatagramOnlyJoins() throws Exception {
        try (var room = startRoom(); var a = DatagramProbe.open("member A"); var b = DatagramProbe.open("member B")) {
            join(room, a, b);
            a.expectNothing("after A and B joined with empty datagrams");
            b.expectNothing("after A and B joined with empty datagrams");
            b.send(room.port(), "anyone?");
            a.expect(label(b) + "anyone?", "B's message, relayed to A, who joined but never spoke");
        }
    }

    /** What the room relays after this is not checked here: after 65,507 bytes, stale bytes are step 3's matter. */
    @Test
    @Tag("step:6")
    @DisplayName("Step 6: a message too long to relay with its label is refused to its sender, and the room goes on")
    void refusesATooLongMessage() throws Exception {
        try (var room = startRoom(); var a = DatagramProbe.open("member A"); var b = DatagramProbe.open("member B")) {
            join(room, a, b);
            a.send(room.port(), "x".repeat(65_507).getBytes(StandardCharsets.US_ASCII));
            var notice = a.receive(workbook.testkit.Timeouts.REPLY);
            assertThat(notice).as("the room's answer to A's 65,507-byte message (too long once labelled)").isPresent();
            assertThat(notice.get().text()).as("the room's notice to A").startsWith("[server] ");
            b.expectNothing("after A sent a message too long to relay");
            room.assertStillServing("a message too long to relay");
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: a member that left does not stop the room")
    void survivesAMemberThatLeft() throws Exception {
        try (var room = startRoom(); var a = DatagramProbe.open("member A"); var b = DatagramProbe.open("member B")) {
            try (var gone = DatagramProbe.open("a member that leaves")) {
                join(room, gone, a, b);
            } // its port is closed now: relays to it go nowhere
            a.send(room.port(), "is it just us?");
            b.expect(label(a) + "is it just us?", "A's message, relayed to B after another member left");
            b.send(room.port(), "yes, it is just the two of us now");
            a.expect(label(b) + "yes, it is just the two of us now", "B's answer, relayed to A");
            room.assertStillServing("a member left");
        }
    }

    private static RunningServer<ChatServer> startRoom() throws IOException {
        return RunningServer.start("ChatServer", ChatServer.bind(Loopback.anyPort()), ChatServer::port,
                ChatServer::serveForever);
    }

    /** Each member joins with an empty datagram, in order. */
    private static void join(RunningServer<ChatServer> room, DatagramProbe... members) throws IOException {
        for (DatagramProbe member : members) {
            member.send(room.port(), new byte[0]);
        }
    }

    /** The label the room puts before a member's messages, such as "[127.0.0.1:50123] ". */
    private static String label(DatagramProbe member) {
        return "[127.0.0.1:" + member.port() + "] ";
    }
}
