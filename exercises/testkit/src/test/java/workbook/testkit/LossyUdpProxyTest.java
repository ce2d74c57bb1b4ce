package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class LossyUdpProxyTest {

    private static final Duration QUIET = Duration.ofMillis(150);

    @Test
    void forwardsFaithfullyBothWaysWithoutMistreatment() throws Exception {
        try (ReferenceUdpServer server = ReferenceUdpServer.start("echo", r -> List.of(r.data()));
                LossyUdpProxy proxy = LossyUdpProxy.start(server.port(), LossPlan.seed(1));
                DatagramProbe client = DatagramProbe.open("client")) {
            for (byte[] datagram : List.of(bytes("hello"), new byte[0], new byte[65_507])) {
                client.send(proxy.port(), datagram);
                DatagramProbe.Datagram reply = client.expect(datagram, "the echo through the proxy");
                assertThat(reply.sender().getPort()).isEqualTo(proxy.port());
            }
        }
    }

    @Test
    void sendsEachReplyBackToItsOwnClient() throws Exception {
        try (ReferenceUdpServer server = ReferenceUdpServer.start("echo", r -> List.of(r.data()));
                LossyUdpProxy proxy = LossyUdpProxy.start(server.port(), LossPlan.seed(1));
                DatagramProbe a = DatagramProbe.open("client A");
                DatagramProbe b = DatagramProbe.open("client B")) {
            for (int i = 0; i < 5; i++) {
                a.send(proxy.port(), "a" + i);
                b.send(proxy.port(), "b" + i);
                a.expect("a" + i, "A's echo");
                b.expect("b" + i, "B's echo");
            }
            assertThat(server.received().stream().map(ReferenceUdpServer.Request::sender).distinct())
                    .as("the server sees one sender per client").hasSize(2);
            assertThat(proxy.describe()).contains("client 1", "client 2", "replay with -Dproxy.seed=1");
        }
    }

    @Test
    void theSameSeedLosesTheSameDatagrams() throws Exception {
        List<String> first = survivors(LossPlan.seed(5).drop(0.3));
        List<String> again = survivors(LossPlan.seed(5).drop(0.3));
        List<String> other = survivors(LossPlan.seed(6).drop(0.3));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first.size()).as("survivors of 100 datagrams with 30% lost").isBetween(55, 85);
    }

    @Test
    void duplicatesAndReordersAndDelays() throws Exception {
        List<String> twice = survivors(LossPlan.seed(1).duplicate(1));
        assertThat(twice).hasSize(200);
        List<String> swapped = survivors(LossPlan.seed(1).reorder(1));
        assertThat(swapped).hasSize(100).doesNotHaveDuplicates().isNotEqualTo(swapped.stream().sorted(
                java.util.Comparator.comparingInt(Integer::parseInt)).toList());
        try (ReferenceUdpServer server = ReferenceUdpServer.start("silent", r -> List.of());
                LossyUdpProxy proxy = LossyUdpProxy.start(server.port(),
                        LossPlan.seed(1).delay(1, Duration.ofMillis(100)));
                DatagramProbe client = DatagramProbe.open("client")) {
            long sent = System.nanoTime();
            client.send(proxy.port(), "late");
            List<ReferenceUdpServer.Request> got = server.expectRequests(1, "the delayed datagram");
            assertThat(Duration.ofNanos(got.get(0).nanoTime() - sent)).isGreaterThan(Duration.ofMillis(90));
            assertThat(proxy.describe()).contains("1 delayed");
        }
    }

    /** Sends "0" to "99" through a proxy with this plan to a silent server; returns what arrived, in order. */
    private static List<String> survivors(LossPlan plan) throws IOException {
        try (ReferenceUdpServer server = ReferenceUdpServer.start("silent", r -> List.of());
                LossyUdpProxy proxy = LossyUdpProxy.start(server.port(), plan);
                DatagramProbe client = DatagramProbe.open("client")) {
            for (int i = 0; i < 100; i++) {
                client.send(proxy.port(), String.valueOf(i));
            }
            int seen = -1;
            while (seen != server.received().size()) { // until nothing more arrives for a while
                seen = server.received().size();
                server.awaitRequests(seen + 1, QUIET);
            }
            return server.received().stream().map(r -> new String(r.data(), StandardCharsets.US_ASCII)).toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
