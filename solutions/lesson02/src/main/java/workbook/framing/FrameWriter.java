package workbook.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Writes length-prefixed frames: the encoder of the wire format drawn in {@link FrameReader}.
 *
 * <pre>
 *   encode("hello".getBytes(UTF_8))  =  { 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o' }
 *   encode(new byte[0])              =  { 0, 0, 0, 0 }
 * </pre>
 * {@link #encode} is pure (bytes in, bytes out); {@link #writeFrame} hands a whole frame to the
 * stream in one {@code write}, so the operating system gets the message at once instead of
 * as a trickle of small pieces.
 */
public final class FrameWriter {

    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The frame for one payload: its length as 4 bytes, big-endian, then the payload itself. */
    // tag::encode[]
    public static byte[] encode(byte[] payload) {
        int n = payload.length;
        // ByteBuffer is big-endian ("network byte order")
        // unless told otherwise.
        return ByteBuffer.allocate(FrameReader.HEADER_LENGTH + n)
                .putInt(n)
                .put(payload)
                .array();
    }
    // end::encode[]

    /** Writes one frame and flushes it. */
    // tag::write-frame[]
    public void writeFrame(byte[] payload) throws IOException {
        // Header and payload in ONE write: TCP gets the whole
        // message at once, and no little piece of it waits
        // alone for an acknowledgement (Nagle's algorithm).
        out.write(encode(payload));
        out.flush();
    }
    // end::write-frame[]
}
