package workbook.testkit;

import java.io.InputStream;
import java.util.Arrays;

/**
 * An in-memory stream that hands out its bytes in chunks of chosen sizes, one chunk per read at most,
 * the way a TCP socket may: for checking framing code without sockets.
 *
 * <p>{@code new ChunkedInputStream(bytes, 1, 3)} returns 1 byte on the first read, at most 3 on
 * every later read (the last size repeats), and -1 when the bytes are used up.
 */
public final class ChunkedInputStream extends InputStream {

    private final byte[] data;
    private final int[] chunkSizes;
    private int position;
    private int reads;

    /** @param chunkSizes the most each read returns, in order; the last repeats; each at least 1 */
    public ChunkedInputStream(byte[] data, int... chunkSizes) {
        if (chunkSizes.length == 0 || Arrays.stream(chunkSizes).anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException("chunk sizes must be at least 1: " + Arrays.toString(chunkSizes));
        }
        this.data = data.clone();
        this.chunkSizes = chunkSizes.clone();
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position == data.length) {
            return -1;
        }
        int limit = chunkSizes[Math.min(reads, chunkSizes.length - 1)];
        int n = Math.min(Math.min(len, limit), data.length - position);
        System.arraycopy(data, position, b, off, n);
        position += n;
        reads++;
        return n;
    }

    /** How many reads returned data so far. */
    public int reads() {
        return reads;
    }
}
