package workbook.framing;

import java.io.IOException;

/**
 * A protocol error: the bytes on the connection do not form valid frames (see {@link FrameReader}).
 *
 * <p>It is an {@link IOException}, so code that already handles a broken connection handles
 * it too; catch it on its own to answer the peer with a clear error before hanging up. After
 * a framing error the stream cannot be trusted any more: nobody knows where the next frame
 * starts, so the only safe thing left is to close the connection.
 */
public class FramingException extends IOException {

    private static final long serialVersionUID = 1L;

    public FramingException(String message) {
        super(message);
    }

    public FramingException(String message, Throwable cause) {
        super(message, cause);
    }
}
