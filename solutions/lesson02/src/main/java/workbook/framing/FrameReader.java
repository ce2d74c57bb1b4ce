package workbook.framing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
    // tag::read-frame[]
    public Optional<byte[]> readFrame() throws IOException {
        // One byte first: -1 here is a clean end (the peer
        // hung up between frames); -1 any later is not.
        int first = in.read();
        if (first == -1) {
            return Optional.empty();
        }
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = (byte) first;
        readPart(header, 1, HEADER_LENGTH - 1, "its length field");
        // tag::check-length[]
        // Unsigned: ff ff ff ff is 4 GiB, not -1.
        long length = Integer.toUnsignedLong(
                ByteBuffer.wrap(header).getInt());
        // Check BEFORE allocating: the length is the peer's word.
        if (length > maxFrameLength) {
            throw new FrameTooLongException(length, maxFrameLength);
        }
        byte[] payload = new byte[(int) length];
        // end::check-length[]
        readPart(payload, 0, payload.length, "its " + length + "-byte payload");
        return Optional.of(payload);
    }
    // end::read-frame[]

    /** readExactly, with a stream that ends too early reported as a cut frame. */
    private void readPart(byte[] buffer, int offset, int length, String part) throws IOException {
        try {
            readExactly(in, buffer, offset, length);
        } catch (EOFException e) {
            throw new TruncatedFrameException("The stream ended in the middle of a frame, in " + part + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads exactly {@code length} bytes into {@code buffer[offset]} onwards, however the stream cuts them.
     *
     * <p>One {@code read} returns whatever has arrived, at least one byte and at most the
     * space offered, so this loops until all {@code length} bytes are there. It never reads
     * more than asked, so the next message stays in the stream. The JDK has the same loop as
     * {@code InputStream.readNBytes(byte[], int, int)} (which returns a short count at the end
     * of the stream) and {@code DataInputStream.readFully} (which throws, like this one).
     *
     * @throws EOFException if the stream ends first; the message says how many bytes did arrive
     */
    // tag::read-exactly[]
    public static void readExactly(InputStream in,
            byte[] buffer, int offset, int length)
            throws IOException {
        Objects.checkFromIndexSize(
                offset, length, buffer.length);
        // tag::read-loop[]
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done,
                    length - done);
            if (n == -1) {
                throw new EOFException(done + " of " + length
                        + " bytes arrived, then the stream ended");
            }
            done += n;
        }
        // end::read-loop[]
    }
    // end::read-exactly[]
}
