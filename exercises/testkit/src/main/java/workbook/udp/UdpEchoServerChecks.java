package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.DatagramProbe;
import workbook.testkit.RunningServer;

/**
 * The checks of a UDP upper-case echo server, whichever server it is: a subclass says which one in
 * {@link #startServer()}, and annotates itself with {@code @LessonChecks} and a {@code @DisplayName}.
 *
 * <p>Each check plays one or two clients ({@link DatagramProbe}) against the server on loopback.
 * Lesson 04 runs them against your {@code UdpUpperServer} ({@code UdpUpperServerTest}); lesson 05
 * runs them again against the framework's {@code UdpUpperEchoServer}. They live in the testkit, not in
 * lesson 04, so that lesson 05 can use them without building lesson 04; they depend on the testkit only.
 */
public abstract class UdpEchoServerChecks {

    /** Binds the server under test on a free loopback port (port 0) and runs its serve loop in a thread. */
    protected abstract RunningServer<?> startServer() throws IOException;

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a datagram comes back upper-cased, as one datagram, from the server's port")
    void echoesOneDatagram() throws Exception {
        try (var server = startServer(); var client = DatagramProbe.open("your client")) {
            client.send(server.port(), "hello, udp");
            var reply = client.expect("HELLO, UDP", "the reply to \"hello, udp\"");
            assertThat(reply.sender().getPort())
                    .as("the port the reply came from (a client that connected its socket hears only that port)")
                    .isEqualTo(server.port());
            client.expectNothing("after the reply to \"hello, udp\"");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: every printable ASCII character comes back, and only a to z change")
    void changesOnlyLowerCaseLetters() throws Exception {
        byte[] printable = new byte['~' - '!' + 1];
        for (int i = 0; i < printable.length; i++) {
            printable[i] = (byte) ('!' + i);
        }
        try (var server = startServer(); var client = DatagramProbe.open("your client")) {
            client.send(server.port(), printable);
            client.expect(upperCase(printable), "the reply to the 94 printable ASCII characters '!' to '~'");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: an empty datagram gets an empty datagram back")
    void answersAnEmptyDatagram() throws Exception {
        try (var server = startServer(); var client = DatagramProbe.open("your client")) {
            client.send(server.port(), new byte[0]);
            client.expect(new byte[0], "the reply to an empty datagram (UDP sends those, unlike TCP)");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: twenty datagrams in a row are each answered in turn")
    void answersManyDatagrams() throws Exception {
        try (var server = startServer(); var client = DatagramProbe.open("your client")) {
            for (int i = 1; i <= 20; i++) {
                String message = "message " + i + " of 20";
                client.send(server.port(), message);
                client.expect(message.toUpperCase(Locale.ROOT), "the reply to \"" + message + "\"");
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a 65,507-byte datagram, the largest UDP can carry over IPv4, comes back whole")
    void echoesTheLargestDatagram() throws Exception {
        byte[] largest = pattern(65_507);
        try (var server = startServer(); var client = DatagramProbe.open("your client")) {
            client.send(server.port(), largest);
            client.expect(upperCase(largest), "the reply to a 65,507-byte datagram");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: datagrams of 1,023, 1,024, 1,025, 2,000 and 9,000 bytes come back whole")
    void echoesDatagramsAroundABufferSize() throws Exception {
        try (var server = startServer(); var client = DatagramProbe.open("your client")) {
            for (int size : new int[] {1_023, 1_024, 1_025, 2_000, 9_000}) {
                byte[] datagram = pattern(size);
                client.send(server.port(), datagram);
                client.expect(upperCase(datagram), "the reply to a " + size + "-byte datagram");
            }
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a short datagram after a long one comes back with no stale bytes")
    void shortAfterLongCarriesNoStaleBytes() throws Exception {
        String long1 = "the quick brown fox jumps over the lazy dog";
        try (var server = startServer(); var client = DatagramProbe.open("your client")) {
            client.send(server.port(), long1);
            client.expect(long1.toUpperCase(Locale.ROOT), "the reply to a 43-byte datagram");
            client.send(server.port(), "hi");
            client.expect("HI", "the reply to \"hi\", sent right after the 43-byte datagram");
            client.send(server.port(), new byte[0]);
            client.expect(new byte[0], "the reply to an empty datagram, sent after those two");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: all 256 byte values come back as they were, except a to z")
    void keepsEveryByteValue() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        try (var server = startServer(); var client = DatagramProbe.open("your client")) {
            client.send(server.port(), all);
            client.expect(upperCase(all), "the reply to the 256 bytes 0x00 to 0xff (not text: just bytes)");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: spaces at both ends of a datagram are kept")
    void keepsSpacesAtTheEnds() throws Exception {
        try (var server = startServer(); var client = DatagramProbe.open("your client")) {
            client.send(server.port(), "  two spaces each side  ");
            client.expect("  TWO SPACES EACH SIDE  ", "the reply to \"  two spaces each side  \"");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: two clients at once each get their own replies, and only those")
    void twoClientsEachGetTheirOwnReplies() throws Exception {
        try (var server = startServer(); var a = DatagramProbe.open("client A"); var b = DatagramProbe.open("client B")) {
            for (int i = 1; i <= 5; i++) {
                a.send(server.port(), "from client a, message " + i);
                b.send(server.port(), "from client b, message " + i);
                a.expect("FROM CLIENT A, MESSAGE " + i, "client A's reply " + i + " (both clients sent before reading)");
                b.expect("FROM CLIENT B, MESSAGE " + i, "client B's reply " + i + " (both clients sent before reading)");
            }
            a.expectNothing("after client A's five replies");
            b.expectNothing("after client B's five replies");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a client that left before its reply arrived does not stop the server")
    void survivesAClientThatLeft() throws Exception {
        try (var server = startServer()) {
            try (var gone = DatagramProbe.open("a client that leaves at once")) {
                gone.send(server.port(), "bye");
            } // closed: the reply goes to a port where nobody listens any more
            try (var next = DatagramProbe.open("the next client")) {
                next.send(server.port(), "anyone home after that?");
                next.expect("ANYONE HOME AFTER THAT?", "the reply to the next client, after the first one left");
            }
            server.assertStillServing("a client left before its reply arrived");
        }
    }

    /** Lower-case letters, digits and dashes, {@code size} bytes long: easy to read where a reply was cut. */
    static byte[] pattern(int size) {
        byte[] alphabet = "abcdefghijklmnopqrstuvwxyz-0123456789-".getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = alphabet[i % alphabet.length];
        }
        return data;
    }

    /** What an upper-case echo server must answer: a copy with only a to z changed. */
    static byte[] upperCase(byte[] data) {
        byte[] upper = data.clone();
        for (int i = 0; i < upper.length; i++) {
            if (upper[i] >= 'a' && upper[i] <= 'z') {
                upper[i] -= 'a' - 'A';
            }
        }
        return upper;
    }
}
