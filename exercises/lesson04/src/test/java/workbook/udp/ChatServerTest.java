package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.DatagramProbe;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.RunningServer;
import workbook.testkit.Timeouts;

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
            var notice = a.receive(Timeouts.REPLY);
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

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: a message of exactly the most that fits with its label is relayed whole; one byte more is refused")
    void relaysUpToTheLimitWithTheLabel() throws Exception {
        try (var room = startRoom(); var a = DatagramProbe.open("member A"); var b = DatagramProbe.open("member B")) {
            join(room, a, b);
            int fits = 65_507 - label(a).length();
            String largest = "y".repeat(fits);
            a.send(room.port(), largest);
            b.expect(label(a) + largest, "A's message of " + fits + " bytes, relayed to B: with its label, 65,507 bytes");
            a.send(room.port(), largest + "y");
            var notice = a.receive(Timeouts.REPLY);
            assertThat(notice).as("the room's answer to A's message of %d bytes", fits + 1).isPresent();
            assertThat(notice.get().text()).as("the room's notice to A").startsWith("[server] ")
                    .contains(String.valueOf(fits + 1)).contains(String.valueOf(fits));
            b.expectNothing("after A sent a message one byte too long to relay");
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: the room holds at most 100 members: a newcomer makes it forget the longest silent one")
    void forgetsTheLongestSilentMemberBeyondOneHundred() throws Exception {
        List<DatagramProbe> members = new ArrayList<>();
        try (var room = startRoom()) {
            for (int i = 0; i < 101; i++) {
                members.add(DatagramProbe.open("member " + i));
            }
            DatagramProbe first = members.get(0);
            DatagramProbe second = members.get(1);
            join(room, members.subList(0, 100).toArray(DatagramProbe[]::new)); // 100 members: the room is full
            first.send(room.port(), "still here"); // the first to join is now the last heard from
            for (int i = 1; i < 100; i++) {
                members.get(i).expect(label(first) + "still here", "member 0's message, relayed to member " + i);
            }
            DatagramProbe newcomer = members.get(100);
            join(room, newcomer); // the 101st: the room forgets member 1, silent the longest
            newcomer.send(room.port(), "hello, I am new");
            first.expect(label(newcomer) + "hello, I am new",
                    "the newcomer's message, relayed to member 0, who spoke after everyone joined");
            for (int i = 2; i < 100; i++) {
                members.get(i).expect(label(newcomer) + "hello, I am new", "the newcomer's message, relayed to member " + i);
            }
            second.expectNothing("after the 101st member joined (member 1 had been silent the longest: the room"
                    + " forgets it, to stay at 100 members)");
            room.assertStillServing("101 members joined");
        } finally {
            members.forEach(DatagramProbe::close);
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: a member that never reads does not hold up the room")
    void aMemberThatNeverReadsDoesNotHoldUpTheRoom() throws Exception {
        try (var room = startRoom(); var a = DatagramProbe.open("member A"); var b = DatagramProbe.open("member B");
                var deaf = new DatagramSocket(Loopback.anyPort())) {
            deaf.setReceiveBufferSize(4_096); // fills after a few relays: the rest is dropped by its kernel
            deaf.send(new DatagramPacket(new byte[0], 0, Loopback.address(room.port())));
            join(room, a, b);
            String chunk = "z".repeat(1_000);
            for (int i = 0; i < 100; i++) {
                a.send(room.port(), chunk);
                b.expect(label(a) + chunk, "A's message " + (i + 1) + " of 100, relayed to B");
            }
            String answer = "b".repeat(1_000); // as long as A's: stale bytes are step 3's matter, not this check's
            b.send(room.port(), answer);
            a.expect(label(b) + answer, "B's answer, relayed to A");
            room.assertStillServing("100 messages relayed to a member that never reads");
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: close() ends the room's serve loop normally, without an exception")
    void closeEndsTheServeLoopNormally() throws Exception {
        ChatServer room = ChatServer.bind(Loopback.anyPort());
        ServeLoop loop = ServeLoop.start("ChatServer", room::serveForever);
        try (var a = DatagramProbe.open("member A"); var b = DatagramProbe.open("member B")) {
            a.send(room.port(), new byte[0]);
            b.send(room.port(), "is the room up?");
            a.expect("[127.0.0.1:" + b.port() + "] is the room up?", "B's message, relayed to A: the room is serving");
        } finally {
            room.close();
        }
        loop.expectReturnedNormally("after close()");
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
