package workbook.udp;

/**
 * Upper-cases ASCII letters byte by byte, as Python's {@code bytes.upper()} does; every other
 * byte is left exactly as it was (the same rule as lesson 01's echo server).
 *
 * <pre>
 *   in:  'h'  'i'  ' '  0xe4 0xbd 0xa0  '!'      ("hi 你!" in UTF-8)
 *   out: 'H'  'I'  ' '  0xe4 0xbd 0xa0  '!'      ("HI 你!")
 * </pre>
 * It never changes a digit or a space, which is why a sequence number written in ASCII digits
 * survives the trip through the echo server (see {@link SequenceCodec}).
 */
final class AsciiUpper {

    private static final int CASE_DISTANCE = 'a' - 'A';

    private AsciiUpper() {
    }

    /** Upper-cases bytes[offset] to bytes[offset + length - 1] in place. */
    static void upperCaseInPlace(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                bytes[i] = (byte) (bytes[i] - CASE_DISTANCE);
            }
        }
    }
}
