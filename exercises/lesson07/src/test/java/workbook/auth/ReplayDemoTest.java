package workbook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.ReferenceServer;
import workbook.testkit.RunningServer;
import workbook.testkit.VirtualThreadWarmUp;

/** The replay demo, played against your server, watched by a wire tap. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread machinery is not the lesson's
@DisplayName("Lesson 07 · ReplayDemo (step 2)")
class ReplayDemoTest {

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: the replay demo copies an honest client's 64 bytes, replays them, and your server refuses")
    void replayDemoShowsTheReplayRefused() throws Exception {
        try (var server = RunningServer.start("AuthServer", AuthServer.bind(Loopback.anyPort(), Peer.KEY.clone()),
                AuthServer::port, AuthServer::serveForever);
                WireTap tap = WireTap.start(server.port())) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            boolean refused = ReplayDemo.run(new PrintStream(printed, true, StandardCharsets.UTF_8),
                    Loopback.address(tap.port()), Peer.KEY.clone());
            String story = AuthClientTest.normalized(printed.toString(StandardCharsets.UTF_8));
            assertThat(refused).withFailMessage("The server accepted the replayed handshake. The demo said:%n%s", story)
                    .isTrue();
            byte[] honest = Arrays.copyOf(tap.toServer(), 64);
            byte[] firstChallenge = Arrays.copyOf(tap.toClient(), 32);
            assertThat(story).as("the demo's story")
                    .startsWith("1. An honest client logged in. Its challenge was:\n   "
                            + java.util.HexFormat.of().formatHex(firstChallenge) + "\n")
                    .contains("\n   The eavesdropper copied the 64 bytes it sent:\n   "
                            + java.util.HexFormat.of().formatHex(honest) + "\n")
                    .contains("Its challenge was not the honest client's.")
                    .contains("3. The server refused the replay: DENIED: ");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: the replay demo reports a server that repeats its challenge as broken")
    void replayDemoCatchesARepeatedChallenge() throws Exception {
        byte[] sameEveryTime = Peer.range(0x10, 32);
        try (ReferenceServer careless = ReferenceServer.start("server with a fixed challenge", connection -> {
            connection.out().write(sameEveryTime);
            byte[] answer = connection.in().readNBytes(64);
            byte[] proof = Peer.hmac(Peer.KEY, Peer.SERVER, Arrays.copyOfRange(answer, 32, 64));
            connection.out().write(Peer.join("OK\n".getBytes(StandardCharsets.US_ASCII), proof));
        })) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            boolean refused = ReplayDemo.run(new PrintStream(printed, true, StandardCharsets.UTF_8),
                    Loopback.address(careless.port()), Peer.KEY.clone());
            String story = AuthClientTest.normalized(printed.toString(StandardCharsets.UTF_8));
            assertThat(refused).as("run() against a server that accepts the replay").isFalse();
            assertThat(story).as("the demo's story").contains("Its challenge was THE SAME as the honest client's.")
                    .contains("3. The server ACCEPTED the replay");
        }
    }
}
