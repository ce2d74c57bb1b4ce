package workbook.socketserver;

import static org.assertj.core.api.Assertions.assertThat;
import static workbook.socketserver.Checks.connect;
import static workbook.socketserver.Checks.roundTrip;
import static workbook.socketserver.Checks.serve;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.ClientRun;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.Timeouts;
import workbook.testkit.VirtualThreadWarmUp;

/** The programs the lesson text runs by hand: the interactive EchoClient, and what UpperEchoServer prints. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread threads are not the lesson's
@DisplayName("Lesson 05 · EchoClient and UpperEchoServer's log (steps 1 and 2)")
class EchoClientTest {

    private static ClientRun runClient(InetSocketAddress server, boolean udp, String keyboard) {
        return ClientRun.run("EchoClient", (in, out, err) -> EchoClient.run(in, out, err, server, udp), keyboard,
                Timeouts.REPLY.plusSeconds(3), () -> { }).assertFinished();
    }

    /**
     * What the client printed, without its line ends: println ends lines with the platform's
     * separator, and the checks must not depend on which one that is.
     */
    private static String text(String printed) {
        return printed.replace("\r", "").replace("\n", "");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: EchoClient over TCP prints each reply after the prompt, skips blank lines, and exits 0")
    void tcpClientTalksAndExitsZero() throws Exception {
        try (var server = serve(UpperEchoServer.bind(Loopback.anyPort()))) {
            ClientRun run = runClient(Loopback.address(server.port()), false, "hello\n\n  spaced out  \n");
            assertThat(text(run.out())).as("what EchoClient printed for \"hello\", a blank line and \"  spaced out  \"")
                    .isEqualTo(">>: HELLO>>: >>: SPACED OUT>>: ");
            assertThat(run.exitCode()).as("EchoClient's exit code after its input ended").isZero();
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: EchoClient over UDP sends one datagram per line and prints the reply")
    void udpClientTalks() throws Exception {
        try (var server = serve(UdpUpperEchoServer.bind(Loopback.anyPort()))) {
            ClientRun run = runClient(Loopback.address(server.port()), true, "over udp\n");
            assertThat(text(run.out())).as("what EchoClient printed for \"over udp\"").isEqualTo(">>: OVER UDP>>: ");
            assertThat(run.exitCode()).as("EchoClient's exit code").isZero();
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: EchoClient over UDP says so when no reply comes, and goes on")
    void udpClientSaysWhenNoReplyComes() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(Loopback.anyPort())) {
            ClientRun run = runClient(Loopback.address(silent.getLocalPort()), true, "anyone?\n");
            assertThat(text(run.out())).as("what EchoClient printed when nobody answered")
                    .isEqualTo(">>: (no reply within 2 s)>>: ");
            assertThat(run.exitCode()).as("EchoClient's exit code").isZero();
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: EchoClient exits 1 with a clear message when nobody listens or the server hangs up")
    void clientExitsOneWhenTheServerIsGone() throws Exception {
        ClientRun refused = runClient(Loopback.address(Loopback.refusedPort()), false, "hello\n");
        assertThat(refused.exitCode()).as("EchoClient's exit code when nobody listens").isEqualTo(1);
        assertThat(text(refused.err())).as("what EchoClient printed when nobody listens")
                .startsWith("Lost the server at ").contains("Is it running?").doesNotContain("null");
        try (var server = serve(new TcpServer(Loopback.anyPort(), TcpServerTest.Goodbye::new))) {
            ClientRun left = runClient(Loopback.address(server.port()), false, "hello\nagain\n");
            assertThat(left.exitCode()).as("EchoClient's exit code when the server hung up").isEqualTo(1);
            assertThat(text(left.err())).as("what EchoClient printed when the server hung up")
                    .startsWith("Lost the server at ").doesNotContain("null");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: UpperEchoServer logs each client, and the virtual thread that serves it")
    void serverLogsEachClientAndItsThread() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String client;
        try (var server = serve(UpperEchoServer.bind(Loopback.anyPort()))) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (Socket socket = connect(server.port(), "the client")) {
                client = socket.getLocalSocketAddress().toString();
                roundTrip(socket, "log me", "the reply to \"log me\"");
            } finally {
                System.setOut(original);
            }
        }
        assertThat(text(captured.toString(StandardCharsets.UTF_8))).as("what UpperEchoServer printed for one client")
                .startsWith("[server] " + client + " connected, served by virtual thread handler-");
    }
}
