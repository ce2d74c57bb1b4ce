package workbook.tcp;

/**
 * Upper-cases ASCII letters byte by byte, as Python's {@code bytes.upper()} does; every other
 * byte is left exactly as it was.
 *
 * <pre>
 *   in:  'h'  'i'  ' '  0xe4 0xbd 0xa0  '!'      ("hi 你!" in UTF-8)
 *   out: 'H'  'I'  ' '  0xe4 0xbd 0xa0  '!'      ("HI 你!")
 * </pre>
 * Working on bytes is what makes it safe on a stream: every byte of a multi-byte UTF-8
 * character is 0x80 or more, so it can never be mistaken for 'a' to 'z', and half a
 * character passes through untouched until its other half arrives.
 */
final class AsciiUpper {

    private static final int CASE_DISTANCE = 'a' - 'A';

    private AsciiUpper() {
    }

    /** Upper-cases bytes[offset] to bytes[offset + length - 1] in place. */
    // tag::upper[]
    static void upperCaseInPlace(byte[] bytes, int offset,
            int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                bytes[i] = (byte) (bytes[i] - CASE_DISTANCE);
            }
        }
    }
    // end::upper[]
}
