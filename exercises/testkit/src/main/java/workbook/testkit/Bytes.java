package workbook.testkit;

import java.util.List;

/**
 * Shows bytes to a student as text and as hex, with message or read boundaries marked by {@code |}.
 *
 * <p>Text is decoded as UTF-8 leniently: a complete character is shown as itself, anything
 * else (a control byte, half a character) as an escape such as {@code \n} or {@code \xe4},
 * so that every byte is visible exactly once. For example {@code {'h','i',0x0a,0xe4}} shows as
 * <pre>
 *   text "hi\n\xe4"
 *   hex  68 69 0a e4   (4 bytes)
 * </pre>
 * Long data is cut to a window, around the first difference when two are compared.
 */
public final class Bytes {

    /** At most this many bytes are shown in full; longer data is shown as a window. */
    static final int SHOWN = 64;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Bytes() {
    }

    /** Two lines, "text ..." and "hex ...", for one run of bytes. */
    public static String show(byte[] data) {
        return show(List.of(data));
    }

    /** Two lines for several runs of bytes (messages, or what each read returned), separated by {@code |}. */
    public static String show(List<byte[]> chunks) {
        int total = chunks.stream().mapToInt(c -> c.length).sum();
        return showWindow(chunks, 0, Math.min(total, SHOWN), total);
    }

    /**
     * Expected and received, each as text and hex, cut around the first byte where they differ.
     *
     * @param received the runs of bytes as they arrived (one per read or per message)
     */
    public static String compare(byte[] expected, List<byte[]> received) {
        byte[] got = concat(received);
        int diff = firstDifference(expected, got);
        int from = Math.max(0, Math.min(diff, Math.max(expected.length, got.length)) - SHOWN / 4);
        StringBuilder report = new StringBuilder();
        if (diff < 0) {
            report.append("The bytes are identical.\n");
        } else if (diff == Math.min(expected.length, got.length)) {
            report.append(expected.length > got.length
                    ? "Received " + got.length + " of the " + expected.length + " bytes expected (the rest is missing).\n"
                    : "Received " + count(got.length - expected.length) + " more than the " + expected.length + " expected.\n");
        } else {
            report.append("First difference at byte ").append(diff).append(" (of ")
                    .append(expected.length).append(" expected, ").append(got.length).append(" received).\n");
        }
        report.append("Expected:\n").append(indent(showWindow(List.of(expected), from, from + SHOWN, expected.length)));
        report.append("Received").append(received.size() > 1 ? " (| marks where one read or message ended)" : "").append(":\n");
        report.append(indent(showWindow(received, from, from + SHOWN, got.length)));
        return report.toString();
    }

    /** The index of the first byte where a and b differ, their common length if one is a prefix, or -1 if equal. */
    public static int firstDifference(byte[] a, byte[] b) {
        return java.util.Arrays.mismatch(a, b);
    }

    /** "1 byte", "2 bytes". */
    static String count(int bytes) {
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    /** All runs joined into one array. */
    public static byte[] concat(List<byte[]> chunks) {
        int total = chunks.stream().mapToInt(c -> c.length).sum();
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        return all;
    }

    /** Text and hex lines for bytes [from, to) of the concatenated chunks, boundaries marked. */
    private static String showWindow(List<byte[]> chunks, int from, int to, int total) {
        to = Math.min(to, total);
        StringBuilder text = new StringBuilder("text ");
        StringBuilder hex = new StringBuilder("hex  ");
        if (from > 0) {
            text.append("...");
            hex.append("... ");
        }
        text.append('"');
        int offset = 0;
        boolean first = true;
        for (byte[] chunk : chunks) {
            int start = Math.max(from - offset, 0);
            int end = Math.min(to - offset, chunk.length);
            boolean boundaryShown = offset >= from && offset <= to;
            if (!first && boundaryShown) {
                text.append("\" | \"");
                hex.append("| ");
            }
            if (start < end) {
                appendText(text, chunk, start, end);
                for (int i = start; i < end; i++) {
                    hex.append(HEX[(chunk[i] >> 4) & 0xf]).append(HEX[chunk[i] & 0xf]).append(' ');
                }
            }
            first = false;
            offset += chunk.length;
        }
        text.append('"');
        if (to < total) {
            text.append("...");
            hex.append("...");
        }
        String size = total == 0 ? "(empty, 0 bytes)" : "(" + total + (total == 1 ? " byte" : " bytes")
                + (from > 0 || to < total ? ", showing bytes " + from + " to " + (to - 1) : "") + ")";
        return text + "\n" + hex.toString().stripTrailing() + "   " + size + "\n";
    }

    /** Appends bytes [start, end) as lenient UTF-8: whole characters as themselves, the rest escaped. */
    private static void appendText(StringBuilder out, byte[] b, int start, int end) {
        int i = start;
        while (i < end) {
            int lead = b[i] & 0xff;
            int length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3
                    : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
            if (length == 1) {
                appendAscii(out, lead);
                i++;
            } else if (length > 1 && i + length <= end && continuations(b, i + 1, length - 1)) {
                out.append(new String(b, i, length, java.nio.charset.StandardCharsets.UTF_8));
                i += length;
            } else {
                out.append("\\x").append(HEX[lead >> 4]).append(HEX[lead & 0xf]);
                i++;
            }
        }
    }

    private static boolean continuations(byte[] b, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if ((b[i] & 0xc0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void appendAscii(StringBuilder out, int c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\0' -> out.append("\\0");
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else {
                    out.append((char) c);
                }
            }
        }
    }

    static String indent(String block) {
        return block.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
    }
}
