package workbook.auth;

/**
 * Recognises bytes made by {@code java.util.Random.nextBytes}: from two of its outputs, the whole
 * 48-bit state of the generator follows, and with it every later output.
 *
 * <p>{@code nextBytes} fills 4 bytes from each {@code nextInt()}, lowest byte first, and
 * {@code nextInt()} returns the top 32 bits of the 48-bit state. So the first 4 bytes leave only
 * the bottom 16 bits unknown: try all 65,536, step the generator, and see whether it predicts the
 * next 28 bytes. A real random nonce passes this test with a chance of about 2^-208.
 */
final class JavaUtilRandom {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private JavaUtilRandom() {
    }

    /** True if {@code bytes} (a multiple of 4, at least 8) is one nextBytes call of some java.util.Random. */
    static boolean predicts(byte[] bytes) {
        int[] ints = new int[bytes.length / 4];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = (bytes[4 * i] & 0xff) | (bytes[4 * i + 1] & 0xff) << 8 | (bytes[4 * i + 2] & 0xff) << 16
                    | (bytes[4 * i + 3] & 0xff) << 24;
        }
        long top = (ints[0] & 0xFFFFFFFFL) << 16;
        for (long low = 0; low < (1 << 16); low++) {
            long state = top | low;
            boolean all = true;
            for (int i = 1; i < ints.length && all; i++) {
                state = (state * MULTIPLIER + ADDEND) & MASK;
                all = (int) (state >>> 16) == ints[i];
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
