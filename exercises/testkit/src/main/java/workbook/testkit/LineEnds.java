package workbook.testkit;

import java.nio.charset.StandardCharsets;

/**
 * One rule for text a program prints: line ends are compared as {@code \n}.
 *
 * <p>A program that prints with {@code println} ends its lines with the platform's separator:
 * {@code \r\n} on Windows, {@code \n} on macOS and Linux. Both are right, so the testkit turns
 * every {@code \r\n} into {@code \n} once, where it captures a program's output, and every
 * comparison after that is written with {@code \n}. A lone {@code \r} is left alone: it is not a
 * line end on any platform.
 */
public final class LineEnds {

    private LineEnds() {
    }

    /** The text with every {@code \r\n} replaced by {@code \n}. */
    public static String normalise(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
    }

    /** UTF-8 bytes decoded as text, line ends normalised. */
    public static String text(byte[] utf8) {
        return normalise(new String(utf8, StandardCharsets.UTF_8));
    }

    /** The bytes with every CR LF pair replaced by LF, for showing output as text and hex. */
    public static byte[] normalise(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                continue;
            }
            out[n++] = bytes[i];
        }
        return n == bytes.length ? bytes : java.util.Arrays.copyOf(out, n);
    }
}
