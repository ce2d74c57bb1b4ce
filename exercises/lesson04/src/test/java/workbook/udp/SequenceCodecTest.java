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

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the codec's limits: 0 to 2147483647, 1 to 10 digits, exactly the bytes it is given")
    void keepsToItsLimits() throws Exception {
        assertThat(SequenceCodec.encode(0, bytes("x"))).as("sequence 0").isEqualTo(bytes("0 x"));
        assertThat(SequenceCodec.encode(Integer.MAX_VALUE, new byte[0])).isEqualTo(bytes("2147483647 "));
        assertThat(SequenceCodec.encode(1, new byte[65_505])).as("the largest payload with sequence 1").hasSize(65_507);
        assertThat(SequenceCodec.encode(10, new byte[65_504])).as("the largest payload with sequence 10").hasSize(65_507);
        assertThatThrownBy(() -> SequenceCodec.encode(10, new byte[65_505])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65505").hasMessageContaining("65504");
        for (String digits : new String[] {"0", "9", "10", "1234567890", "0000000009"}) {
            byte[] data = bytes(digits + " ok");
            assertThat(SequenceCodec.decode(data, 0, data.length).sequence()).as("decoding \"%s ok\"", digits)
                    .isEqualTo(Integer.parseInt(digits));
        }
        for (String bad : new String[] {"/ slash", ": colon", "1/ x", "9: x", "12345678901", "7", "00000000000 x"}) {
            byte[] data = bytes(bad);
            assertThatThrownBy(() -> SequenceCodec.decode(data, 0, data.length))
                    .as("decoding \"%s\"", bad).isInstanceOf(MalformedDatagramException.class);
        }
        byte[] spaceOutside = bytes("42 tail");
        assertThatThrownBy(() -> SequenceCodec.decode(spaceOutside, 0, 2)).as("decoding the first 2 bytes of \"42 tail\"")
                .isInstanceOf(MalformedDatagramException.class);
        SequenceCodec.Numbered inside = SequenceCodec.decode(bytes("99 1 abc 2"), 3, 5);
        assertThat(inside.sequence()).as("the sequence of the 5 bytes \"1 abc\" inside \"99 1 abc 2\"").isEqualTo(1);
        assertThat(inside.payload()).isEqualTo(bytes("abc"));
        assertThatThrownBy(() -> SequenceCodec.decode(bytes("7 "), 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SequenceCodec.decode(bytes("7 "), 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a malformed datagram's message names the problem and shows its first bytes in hex")
    void malformedMessagesShowTheBytes() {
        assertThat(messageOf("hi")).isEqualTo("expected a digit at byte 0 (first bytes: 68 69, 2 bytes in all)");
        assertThat(messageOf("4")).isEqualTo("no space after the sequence number (first bytes: 34, 1 byte in all)");
        assertThat(messageOf("")).isEqualTo("no sequence number before the space (an empty datagram)");
        assertThat(messageOf(" x")).isEqualTo("no sequence number before the space (first bytes: 20 78, 2 bytes in all)");
        assertThat(messageOf("12345678901 x")).isEqualTo("expected a space at byte 10 (first bytes: 31 32 33 34 35 36"
                + " 37 38 39 30 31 20 78, 13 bytes in all)");
        assertThat(messageOf("3000000000 x")).startsWith("sequence number too large: 3000000000 (");
        assertThat(messageOf("0123456789abcdef")).as("16 bytes: all shown")
                .endsWith("(first bytes: 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66, 16 bytes in all)");
        assertThat(messageOf("0123456789abcdefg")).as("17 bytes: the first 16 shown")
                .endsWith("(first bytes: 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66 ..., 17 bytes in all)");
        byte[] high = {(byte) 0xff, (byte) 0x80};
        assertThatThrownBy(() -> SequenceCodec.decode(high, 0, 2)).hasMessage(
                "expected a digit at byte 0 (first bytes: ff 80, 2 bytes in all)");
    }

    private static String messageOf(String datagram) {
        byte[] data = bytes("<<" + datagram + ">>");
        try {
            SequenceCodec.decode(data, 2, data.length - 4);
        } catch (MalformedDatagramException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoding \"" + datagram + "\" did not fail");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
