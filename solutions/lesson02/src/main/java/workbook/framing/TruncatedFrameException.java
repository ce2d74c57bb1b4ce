package workbook.framing;

/**
 * The stream ended in the middle of a frame: inside its length field or inside its payload.
 *
 * <p>This is never a normal end. A peer that is done hangs up between two frames; a stream
 * that stops inside one means the peer crashed, or the connection broke, and the bytes that
 * did arrive are only part of a message. Showing them as if they were the whole message is
 * exactly the bug this exception prevents.
 */
public final class TruncatedFrameException extends FramingException {

    private static final long serialVersionUID = 1L;

    public TruncatedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
