package workbook.testkit;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An in-memory output stream that keeps every write call as a chunk of its own, to show how a program handed its
 * bytes over (one write per message, or a trickle of small ones).
 *
 * <p>{@code Bytes.show(recording.writes())} shows the writes with {@code |} between them. A write
 * of zero bytes hands nothing over and is not recorded.
 */
public final class RecordingOutputStream extends OutputStream {

    private final List<byte[]> writes = new ArrayList<>();
    private int flushes;

    @Override
    public synchronized void write(int b) {
        writes.add(new byte[] {(byte) b});
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len > 0) {
            writes.add(Arrays.copyOfRange(b, off, off + len));
        }
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    /** The bytes of each write call, in order. */
    public synchronized List<byte[]> writes() {
        return List.copyOf(writes);
    }

    /** Everything written, joined. */
    public synchronized byte[] bytes() {
        return Bytes.concat(writes);
    }

    /** How many times flush() was called. */
    public synchronized int flushes() {
        return flushes;
    }
}
