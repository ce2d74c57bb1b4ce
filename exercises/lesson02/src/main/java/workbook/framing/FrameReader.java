package workbook.framing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads length-prefixed frames from a stream: the decoder of this lesson's wire format.
 *
 * <pre>
<!-- tag::wire-format[] -->
+----------------------+------------------------+
| length               | payload                |
| 4 bytes, unsigned,   | `length` bytes: a      |
| big-endian           | command or its output  |
+----------------------+------------------------+

BEFORE DECODE (9 bytes)                AFTER DECODE
+-------------+----------------+       +---------+
| 00 00 00 05 | 68 65 6c 6c 6f | ----> | "hello" |
+-------------+----------------+       +---------+
  length = 5    h  e  l  l  o

Empty payload:  00 00 00 00           (a frame too)
Two frames:     00 00 00 05 hello 00 00 00 05 world
<!-- end::wire-format[] -->
 * </pre>
 * The reader needs no sockets: it works on any {@link InputStream}, which is how the checks
 * feed it a message cut at every possible place. It trusts nothing it reads: a length above
 * {@code maxFrameLength} is refused before a single byte is allocated for it, and a stream
 * that ends inside a frame is an error, never a short message.
 *
 * <p>Methods for the caller: {@link #readFrame()}; and {@link #readExactly}, the loop every
 * reader of a TCP stream needs.
 */
public final class FrameReader {

    /** The size of the length field in front of every payload. */
    public static final int HEADER_LENGTH = 4;

    private final InputStream in;
    private final int maxFrameLength;

    /**
     * @param in             the stream to read frames from
     * @param maxFrameLength the longest payload accepted, in bytes; a longer one is refused unread
     */
    public FrameReader(InputStream in, int maxFrameLength) {
        if (maxFrameLength <= 0) {
            throw new IllegalArgumentException("maxFrameLength must be positive: " + maxFrameLength);
        }
        this.in = Objects.requireNonNull(in, "in");
        this.maxFrameLength = maxFrameLength;
    }

    /** The longest payload this reader accepts. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Reads the next whole frame and returns its payload.
     *
     * @return the payload (possibly empty), or {@link Optional#empty()} if the stream ended cleanly,
     *         between two frames
     * @throws FrameTooLongException    if the length field announces more than {@code maxFrameLength} bytes
     * @throws TruncatedFrameException  if the stream ends inside a frame
     */
    // tag::starter-read-frame[]
    public Optional<byte[]> readFrame() throws IOException {
        // TODO(step 2): One read() returns whatever has arrived: part of a
        //  message, or the end of one glued to the start of the next. Read
        //  the 4-byte length first, refuse a length over maxFrameLength
        //  BEFORE allocating anything, then read exactly that many bytes
        //  (readExactly). The stream may end only between two frames.
        byte[] buffer = new byte[1024];
        int n = in.read(buffer);
        if (n == -1) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOf(buffer, n));
    }
    // end::starter-read-frame[]

    /**
     * Reads exactly {@code length} bytes into {@code buffer[offset]} onwards, however the stream cuts them.
     *
     * <p>One {@code read} returns whatever has arrived, at least one byte and at most the
     * space offered, so reading an exact number of bytes takes a loop. It must never read
     * more than asked, so that the next message stays in the stream. (Once yours works,
     * compare it with the JDK's {@code InputStream.readNBytes} and {@code DataInputStream.readFully}.)
     *
     * @throws EOFException if the stream ends first; the message says how many bytes did arrive
     */
    // tag::starter-read-exactly[]
    public static void readExactly(InputStream in,
            byte[] buffer, int offset, int length)
            throws IOException {
        Objects.checkFromIndexSize(
                offset, length, buffer.length);
        // TODO(step 1): read() may return fewer bytes than asked for: as few
        //  as one. Keep reading until all `length` bytes are there. If the
        //  stream ends first, throw an EOFException that says how many
        //  bytes did arrive: a short message must never pass for a whole one.
        int n = in.read(buffer, offset, length);
        if (n == -1) {
            throw new EOFException("0 of " + length
                    + " bytes arrived, then the stream ended");
        }
    }
    // end::starter-read-exactly[]
}
