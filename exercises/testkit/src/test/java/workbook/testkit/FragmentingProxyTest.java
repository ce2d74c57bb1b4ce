package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

@LessonChecks
class FragmentingProxyTest {

    /** An echo server: sends back every byte it reads, and hangs up when the client does. */
    private static ReferenceServer echo() throws IOException {
        return ReferenceServer.start("echo", connection -> {
            InputStream in = connection.in();
            OutputStream out = connection.out();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        });
    }

    @Test
    void forwardsEveryByteInOrderWhateverThePlan() throws Exception {
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        for (ProxyPlan plan : new ProxyPlan[] {ProxyPlan.seed(1), ProxyPlan.seed(2).split(1, 7),
                ProxyPlan.seed(3).split(1, 5000), ProxyPlan.seed(4).merge(Duration.ofMillis(5))}) {
            try (ReferenceServer server = echo(); FragmentingProxy proxy = FragmentingProxy.start(server.port(), plan);
                    Socket client = Loopback.connect(proxy.port())) {
                client.getOutputStream().write(data);
                Expect.bytes(data, Received.read(client, data.length, Duration.ofSeconds(10)), "the echo via " + plan);
            }
        }
    }

    @Test
    void splitsIntoSingleBytes() throws Exception {
        try (ReferenceServer server = echo();
                FragmentingProxy proxy = FragmentingProxy.start(server.port(),
                        ProxyPlan.seed(7).split(1, 1).pause(Duration.ofMillis(2)));
                Socket client = Loopback.connect(proxy.port())) {
            client.getOutputStream().write("hello".getBytes());
            Received received = Received.read(client, 5, Timeouts.REPLY);
            assertThat(received.bytes()).isEqualTo("hello".getBytes());
            assertThat(proxy.describe()).contains("client→server: 5 bytes in 5 writes [1 1 1 1 1]");
        }
    }

    @Test
    void theSameSeedGivesTheSamePieces() throws Exception {
        String first = piecesWith(ProxyPlan.seed(42).split(1, 9));
        String second = piecesWith(ProxyPlan.seed(42).split(1, 9));
        assertThat(first).isEqualTo(second).contains("100 bytes");
    }

    private static String piecesWith(ProxyPlan plan) throws Exception {
        try (ReferenceServer server = echo(); FragmentingProxy proxy = FragmentingProxy.start(server.port(), plan);
                Socket client = Loopback.connect(proxy.port())) {
            client.getOutputStream().write(new byte[100]);
            Received.read(client, 100, Timeouts.REPLY);
            String described = proxy.describe();
            return described.substring(described.indexOf("client→server"), described.indexOf("]") + 1);
        }
    }

    @Test
    void mergesWritesThatArriveTogether() throws Exception {
        try (ReferenceServer server = echo();
                FragmentingProxy proxy = FragmentingProxy.start(server.port(), ProxyPlan.seed(5).merge(Duration.ofMillis(200)));
                Socket client = Loopback.connect(proxy.port())) {
            client.getOutputStream().write("hello".getBytes());
            client.getOutputStream().write("world".getBytes());
            Received received = Received.read(client, 10, Timeouts.REPLY);
            assertThat(received.bytes()).isEqualTo("helloworld".getBytes());
            assertThat(proxy.describe()).contains("client→server: 10 bytes in 1 writes");
        }
    }

    @Test
    void halfClosesAfterTheGivenBytes() throws Exception {
        try (ReferenceServer server = echo();
                FragmentingProxy proxy = FragmentingProxy.start(server.port(), ProxyPlan.seed(6).halfCloseAfter(3));
                Socket client = Loopback.connect(proxy.port())) {
            client.getOutputStream().write("hello".getBytes());
            Received received = Received.read(client, 5, Timeouts.REPLY);
            assertThat(received.bytes()).isEqualTo("hel".getBytes());
            assertThat(received.ending()).isEqualTo(Received.Ending.END_OF_STREAM);
            server.expectConnection(0).expectHangUp("the proxy half-closed");
        }
    }

    @Test
    void resetsAfterTheGivenBytes() throws Exception {
        try (ReferenceServer server = echo();
                FragmentingProxy proxy = FragmentingProxy.start(server.port(), ProxyPlan.seed(8).resetAfter(3));
                Socket client = Loopback.connect(proxy.port())) {
            client.getOutputStream().write("hello".getBytes());
            Received received = Received.read(client, 5, Timeouts.REPLY);
            assertThat(received.ending()).isIn(Received.Ending.BROKEN, Received.Ending.END_OF_STREAM);
            ReferenceServer.Connection atServer = server.expectConnection(0).expectFinished("the proxy reset");
            assertThat(atServer.failure()).isInstanceOf(SocketException.class);
        }
    }
}
