package workbook.framing;

/**
 * A frame's length field announced more bytes than the reader allows; thrown before any of them is read
 * or any memory is set aside for them.
 *
 * <p>Example: with a limit of 4096 bytes, the header {@code 7f ff ff ff} (2,147,483,647 bytes)
 * is refused at once, whether or not a single payload byte follows.
 */
public final class FrameTooLongException extends FramingException {

    private static final long serialVersionUID = 1L;

    private final long length;
    private final int maxFrameLength;

    /**
     * @param length         the payload length the header announced (unsigned, so up to 4,294,967,295)
     * @param maxFrameLength the largest payload the reader accepts
     */
    public FrameTooLongException(long length, int maxFrameLength) {
        super("a frame of " + length + " bytes is longer than the limit of " + maxFrameLength + " bytes");
        this.length = length;
        this.maxFrameLength = maxFrameLength;
    }

    /** The payload length the header announced. */
    public long length() {
        return length;
    }

    /** The limit it broke. */
    public int maxFrameLength() {
        return maxFrameLength;
    }
}
