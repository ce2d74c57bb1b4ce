package workbook.upload;

import java.io.IOException;

/**
 * A frame that breaks the protocol: a header length out of range, a stream that ends inside a
 * frame, bytes that are not UTF-8 JSON, or JSON without the required fields.
 *
 * <p>After one, the reader no longer knows where the next frame starts, so the only safe move
 * is to answer (if possible) and hang up.
 */
public final class FrameException extends IOException {

    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }

    public FrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
