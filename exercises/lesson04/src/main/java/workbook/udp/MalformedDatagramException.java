package workbook.udp;

import java.io.IOException;

/**
 * A datagram that does not follow {@link SequenceCodec}'s format: a protocol error, not a network failure.
 *
 * <p>Its message names the problem and shows the first bytes in hex, such as
 * {@code expected a digit at byte 0 (first bytes: 68 69, 2 bytes in all)}.
 */
public final class MalformedDatagramException extends IOException {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 16;

    public MalformedDatagramException(String problem, byte[] data, int offset, int length) {
        super(problem + " (" + firstBytes(data, offset, length) + ")");
    }

    private static String firstBytes(byte[] data, int offset, int length) {
        if (length == 0) {
            return "an empty datagram";
        }
        StringBuilder hex = new StringBuilder("first bytes:");
        for (int i = offset; i < offset + Math.min(length, SHOWN); i++) {
            hex.append(String.format(" %02x", data[i] & 0xff));
        }
        return hex.append(length > SHOWN ? " ..." : "").append(", ").append(length)
                .append(length == 1 ? " byte" : " bytes").append(" in all").toString();
    }
}
