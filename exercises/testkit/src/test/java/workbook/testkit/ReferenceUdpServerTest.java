package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class ReferenceUdpServerTest {

    @Test
    void answersThroughItsHandlerAndRecordsEveryDatagram() throws Exception {
        ReferenceUdpServer.Handler twiceOrNever = r -> r.index() == 0 ? List.of() : List.of(r.data(), r.data());
        try (ReferenceUdpServer server = ReferenceUdpServer.start("test server", twiceOrNever);
                DatagramProbe client = DatagramProbe.open("client")) {
            client.send(server.port(), "first");
            client.expectNothing("after the first datagram");
            client.send(server.port(), "second");
            client.expect("second", "the first copy");
            client.expect("second", "the second copy");
            assertThat(server.received()).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
                    .containsExactly("first", "second");
            assertThat(server.received().get(1).sender().getPort()).isEqualTo(client.port());
            assertThat(server.describe()).contains("received 2 datagrams", "answered with 0 datagrams",
                    "answered with 2 datagrams", "\"second\"");
        }
    }

    @Test
    void aHandlerThatThrowsIsReportedAndTheServerGoesOn() throws Exception {
        try (ReferenceUdpServer server = ReferenceUdpServer.start("test server", r -> {
            throw new IllegalStateException("boom");
        }); DatagramProbe client = DatagramProbe.open("client")) {
            client.send(server.port(), "x");
            client.send(server.port(), "y");
            server.expectRequests(2, "x and y");
            assertThat(server.describe()).contains("boom");
        }
    }
}
