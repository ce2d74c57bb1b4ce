package workbook.udp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Puts a sequence number in front of a message and takes it off again: the datagram format of
 * {@link UdpUpperClient}. Pure bytes to message and back; no sockets here.
 *
 * <pre>
<!-- tag::wire-format[] -->
  one datagram = sequence number in ASCII digits, a space,
                 then the payload

  BEFORE DECODE (7 bytes)              AFTER DECODE
  +----+----+----+----+----+----+----+
  |'4' |'2' |' ' |'H' |'E' |'Y' |'!' |  ==>  sequence 42
  | 34 | 32 | 20 | 48 | 45 | 59 | 21 |       payload "HEY!"
  +----+----+----+----+----+----+----+
  |sequence | SP |     payload       |
   1 to 10    0x20  0 to 65,496 bytes,
   digits           any values
<!-- end::wire-format[] -->
 * </pre>
 * For example {@code { '4', '2', ' ', 'H', 'E', 'Y', '!' }} decodes to sequence 42 with payload
 * "HEY!", and {@code { '7', ' ' }} to sequence 7 with an empty payload.
 *
 * <p>Why digits and not a 4-byte binary number, as lesson 03 would write it? The echo server
 * upper-cases every byte from 'a' to 'z' and knows nothing of this format. A binary 97 is the
 * byte 'a', and would come back as 'A', which is 65. Digits and the space are never changed,
 * so the number survives the trip, and the datagrams stay readable in a packet capture.
 */
public final class SequenceCodec {

    /** The largest UDP payload over IPv4: 65,535 bytes less a 20-byte IP header and an 8-byte UDP header. */
    public static final int MAX_DATAGRAM = 65_507;
    /** Integer.MAX_VALUE has 10 digits. */
    private static final int MAX_DIGITS = 10;

    private SequenceCodec() {
    }

    /** A decoded datagram: its sequence number and its payload (a copy, which the caller may keep). */
    public record Numbered(int sequence, byte[] payload) {
    }

    /**
     * The datagram for {@code payload} numbered {@code sequence}.
     *
     * @throws IllegalArgumentException if the sequence is negative or the datagram would exceed {@link #MAX_DATAGRAM}
     */
    // tag::encode[]
    public static byte[] encode(int sequence, byte[] payload) {
        if (sequence < 0) {
            throw new IllegalArgumentException(
                    "sequence must not be negative: " + sequence);
        }
        byte[] digits = Integer.toString(sequence)
                .getBytes(StandardCharsets.US_ASCII);
        int length = digits.length + 1 + payload.length;
        if (length > MAX_DATAGRAM) {
            throw tooLong(payload.length, MAX_DATAGRAM - digits.length - 1);
        }
        byte[] datagram = Arrays.copyOf(digits, length);
        datagram[digits.length] = ' ';
        System.arraycopy(payload, 0,
                datagram, digits.length + 1, payload.length);
        return datagram;
    }
    // end::encode[]

    private static IllegalArgumentException tooLong(int size, int limit) {
        return new IllegalArgumentException("payload too long for one datagram: " + size + " bytes (at most "
                + limit + ")");
    }

    /**
     * Decodes {@code length} bytes of {@code data} from {@code offset} (as a DatagramPacket hands them out).
     *
     * @throws MalformedDatagramException if the bytes do not start with 1 to 10 digits and a space, or the number is
     *                                    larger than {@link Integer#MAX_VALUE}
     */
    public static Numbered decode(byte[] data, int offset, int length) throws MalformedDatagramException {
        Objects.checkFromIndexSize(offset, length, data.length);
        int space = 0;
        while (space < length && data[offset + space] != ' ') {
            byte b = data[offset + space];
            if (b < '0' || b > '9' || space == MAX_DIGITS) {
                throw new MalformedDatagramException("expected " + (space == MAX_DIGITS ? "a space" : "a digit")
                        + " at byte " + space, data, offset, length);
            }
            space++;
        }
        if (space == 0 || space == length) {
            throw new MalformedDatagramException(space == 0 ? "no sequence number before the space"
                    : "no space after the sequence number", data, offset, length);
        }
        long sequence = Long.parseLong(new String(data, offset, space, StandardCharsets.US_ASCII));
        if (sequence > Integer.MAX_VALUE) {
            throw new MalformedDatagramException("sequence number too large: " + sequence, data, offset, length);
        }
        byte[] payload = Arrays.copyOfRange(data, offset + space + 1, offset + length);
        return new Numbered((int) sequence, payload);
    }
}
