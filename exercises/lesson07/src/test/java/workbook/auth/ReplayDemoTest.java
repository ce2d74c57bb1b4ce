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
            assertThat(story).as("the demo's story").contains("\n   " + java.util.HexFormat.of().formatHex(honest) + "\n")
                    .contains("Its challenge was not the honest client's.")
                    .contains("3. The server refused the replay: DENIED: ");
        }
    }
}
