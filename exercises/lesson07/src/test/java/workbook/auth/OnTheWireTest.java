package workbook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.ClientRun;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.RunningServer;
import workbook.testkit.Timeouts;
import workbook.testkit.VirtualThreadWarmUp;

/** Your client and your server together, watched by an eavesdropper between them. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread machinery is not the lesson's
@DisplayName("Lesson 07 · AuthClient and AuthServer on the wire (step 1)")
class OnTheWireTest {

    /** Any 8 bytes of the key in a row count as a leak: random traffic matches them with a chance of 2^-64. */
    private static final int WINDOW = 8;

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the key never appears on the wire, in either direction, while your client talks to your server")
    void keyNeverOnTheWire() throws Exception {
        byte[] key = Peer.range(0x21, 32); // printable: "!\"#$%&'()*+,-./0123456789:;<=>?@", easy to spot
        try (var server = RunningServer.start("AuthServer", AuthServer.bind(Loopback.anyPort(), key.clone()),
                AuthServer::port, AuthServer::serveForever);
                WireTap tap = WireTap.start(server.port())) {
            ClientRun run = ClientRun.run("AuthClient",
                    (in, out, err) -> AuthClient.run(in, out, err, Loopback.address(tap.port()), key.clone()),
                    "hello\n", Timeouts.REPLY.multipliedBy(2), () -> { });
            run.assertFinished();
            assertNoKey(tap.toServer(), key, "client to server");
            assertNoKey(tap.toClient(), key, "server to client");
            assertThat(AuthClientTest.normalized(run.out())).as("what your client printed").contains(">>: HELLO\n");
        }
    }

    private static void assertNoKey(byte[] wire, byte[] key, String direction) {
        String hexKey = HexFormat.of().formatHex(key);
        assertThat(new String(wire, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT))
                .as("the key as hex text, %s", direction).doesNotContain(hexKey);
        for (int start = 0; start + WINDOW <= key.length; start++) {
            int at = indexOf(wire, key, start);
            assertThat(at)
                    .withFailMessage("The eavesdropper saw key bytes %d to %d (%s) on the wire, %s, at byte %d of %d. "
                            + "The key itself must never be sent: only a proof made from it.", start,
                            start + WINDOW - 1, Peer.hex(java.util.Arrays.copyOfRange(key, start, start + WINDOW)),
                            direction, at, wire.length)
                    .isEqualTo(-1);
        }
    }

    /** Where key[start .. start + WINDOW) first occurs in wire, or -1. */
    private static int indexOf(byte[] wire, byte[] key, int start) {
        outer:
        for (int i = 0; i + WINDOW <= wire.length; i++) {
            for (int j = 0; j < WINDOW; j++) {
                if (wire[i + j] != key[start + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
