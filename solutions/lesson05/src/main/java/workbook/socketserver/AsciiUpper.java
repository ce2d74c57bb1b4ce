package workbook.socketserver;

/**
 * Upper-cases ASCII letters byte by byte, as Python's {@code bytes.upper()} does (lesson 01); every
 * other byte, including each byte of a multi-byte UTF-8 character, is left as it was.
 *
 * <pre>
 *   in:  'h'  'i'  ' '  0xe4 0xbd 0xa0      ("hi 你" in UTF-8)
 *   out: 'H'  'I'  ' '  0xe4 0xbd 0xa0      ("HI 你")
 * </pre>
 */
final class AsciiUpper {

    private AsciiUpper() {
    }

    /** Upper-cases bytes[offset] to bytes[offset + length - 1] in place. */
    static void upperCaseInPlace(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                bytes[i] = (byte) (bytes[i] - ('a' - 'A'));
            }
        }
    }
}
