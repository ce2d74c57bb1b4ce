package workbook.auth;

/**
 * Upper-cases ASCII letters byte by byte, as Python's {@code bytes.upper()} does; every other
 * byte is left exactly as it was.
 *
 * <p>A copy of lesson 01's {@code AsciiUpper} (lessons are separate modules): once the
 * handshake is over, the conversation is lesson 01's, unchanged.
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
