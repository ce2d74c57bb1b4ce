package workbook.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import workbook.udp.UdpUpperServer;

/**
 * Lesson 04's reference UDP echo server in a process of its own, for {@link UdpEchoBench}: prints
 * {@code PORT n}, serves until its standard input ends.
 *
 * <p>The lesson's server logs every datagram (it is a demo); here its log goes nowhere, like the
 * Python yardstick, which logs nothing: both measure the echo, not the terminal.
 */
public final class UdpEchoServerMain {

    private UdpEchoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream answers = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        UdpUpperServer server = UdpUpperServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread loop = new Thread(() -> {
            try {
                server.serveForever();
            } catch (java.io.IOException e) {
                e.printStackTrace();
            }
        }, "udp-serve-loop");
        loop.start();
        answers.println("PORT " + server.port());
        answers.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (commands.readLine() != null) {
            // no commands: wait for the end of input
        }
        server.close();
        loop.join(5_000);
        System.exit(0);
    }
}
