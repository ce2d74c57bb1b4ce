package workbook.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes length-prefixed frames: the encoder of the wire format drawn in {@link FrameReader}.
 *
 * <pre>
 *   encode("hello".getBytes(UTF_8))  =  { 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o' }
 *   encode(new byte[0])              =  { 0, 0, 0, 0 }
 * </pre>
 * {@link #encode} is pure (bytes in, bytes out); {@link #writeFrame} hands a frame to the
 * stream and flushes it.
 */
public final class FrameWriter {

    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The frame for one payload: its length as 4 bytes, big-endian, then the payload itself. */
    // tag::starter-encode[]
    public static byte[] encode(byte[] payload) {
        // TODO(step 2): The receiver cannot tell where this message ends:
        //  TCP keeps the bytes, not the boundaries. Put the payload's
        //  length in front of it, as 4 bytes, big-endian (the diagram in
        //  FrameReader), so that "hello" becomes 00 00 00 05 68 65 6c 6c 6f.
        return payload.clone();
    }
    // end::starter-encode[]

    /** Writes one frame and flushes it. */
    // tag::starter-write-frame[]
    public void writeFrame(byte[] payload) throws IOException {
        byte[] frame = encode(payload);
        // TODO(step 3): Every write() here can leave as a little TCP segment
        //  of its own, and with Nagle's algorithm a small one may wait for
        //  the peer's acknowledgement. Hand the whole frame to the stream
        //  in one write instead of line by line.
        int lineStart = 0;
        for (int i = 0; i < frame.length; i++) {
            if (frame[i] == '\n' || i == frame.length - 1) {
                out.write(frame, lineStart, i + 1 - lineStart);
                out.flush();
                lineStart = i + 1;
            }
        }
    }
    // end::starter-write-frame[]
}
