package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class DatagramProbeTest {

    @Test
    void expectsADatagramAndShowsTheDifferenceInTextAndHex() throws Exception {
        try (DatagramProbe a = DatagramProbe.open("a"); DatagramProbe b = DatagramProbe.open("b")) {
            a.send(b.port(), "hello");
            assertThat(b.expect("hello", "the greeting").sender().getPort()).isEqualTo(a.port());
            a.send(b.port(), "help");
            assertThatThrownBy(() -> b.expect("hello", "the second greeting"))
                    .hasMessageContaining("Wrong datagram at b for the second greeting")
                    .hasMessageContaining("68 65 6c 70")
                    .hasMessageContaining("\"hello\" | \"help\"");
        }
    }

    @Test
    void failsWhenSomethingArrivesThatShouldNot() throws Exception {
        try (DatagramProbe a = DatagramProbe.open("a"); DatagramProbe b = DatagramProbe.open("b")) {
            b.expectNothing("before anyone sent");
            a.send(b.port(), new byte[0]);
            assertThatThrownBy(() -> b.expectNothing("after the reply")).hasMessageContaining("(empty, 0 bytes)");
            assertThat(b.receive(Duration.ofMillis(20))).isEmpty();
        }
    }

    @Test
    void itsDescriptionShowsDatagramsNotReadYetWithoutLosingThem() throws Exception {
        try (DatagramProbe a = DatagramProbe.open("a"); DatagramProbe b = DatagramProbe.open("b")) {
            a.send(b.port(), "one");
            b.expect("one", "the first");
            a.send(b.port(), "two");
            Thread.sleep(50);
            assertThat(b.describe()).contains("received 1 datagram", "1 more datagram arrived that the check had not"
                    + " read yet", "\"two\"");
            b.expect("two", "the second, still there after describe()");
        }
    }

    @Test
    void anUnusedPortHasNobodyBehindIt() throws Exception {
        int port = DatagramProbe.unusedPort();
        try (DatagramProbe a = DatagramProbe.open("a")) {
            a.send(port, "anyone?");
            assertThat(a.receive(Duration.ofMillis(50))).isEmpty();
        }
    }
}
