package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.LessonChecks;

/** SequenceCodec on its own, without sockets: the examples of its javadoc and the datagrams it must refuse. */
@LessonChecks
@DisplayName("Lesson 04 · SequenceCodec (step 5)")
class SequenceCodecTest {

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the codec writes and reads the examples of its byte diagram")
    void encodesAndDecodesTheExamples() throws Exception {
        assertThat(SequenceCodec.encode(42, bytes("HEY!"))).isEqualTo(bytes("42 HEY!"));
        assertThat(SequenceCodec.encode(7, new byte[0])).isEqualTo(bytes("7 "));
        SequenceCodec.Numbered decoded = SequenceCodec.decode(bytes("xx42 HEY!yy"), 2, 7);
        assertThat(decoded.sequence()).isEqualTo(42);
        assertThat(decoded.payload()).isEqualTo(bytes("HEY!"));
        assertThat(SequenceCodec.decode(bytes("7 "), 0, 2).payload()).isEmpty();
        assertThat(SequenceCodec.decode(bytes("2147483647  spaces  "), 0, 20).payload()).isEqualTo(bytes(" spaces  "));
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the codec refuses datagrams without a number and a space, naming the problem")
    void refusesMalformedDatagrams() {
        for (String bad : new String[] {"", "42", " hey", "4x2 hey", "hey 42", "12345678901 too many digits",
                "2147483648 too large"}) {
            byte[] data = bytes(bad);
            assertThatThrownBy(() -> SequenceCodec.decode(data, 0, data.length))
                    .as("decoding \"%s\"", bad).isInstanceOf(MalformedDatagramException.class);
        }
        assertThatThrownBy(() -> SequenceCodec.encode(-1, new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> SequenceCodec.encode(1, new byte[65_506]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65506");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
