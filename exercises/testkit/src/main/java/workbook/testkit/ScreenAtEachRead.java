package workbook.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A terminal as a user sees it: what a program prints reaches the screen only when it is flushed
 * (as with {@code System.out}), and every time the program reads the keyboard, this records what
 * the screen showed at that moment. A prompt that was printed but not flushed is not on the screen.
 */
public final class ScreenAtEachRead {

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final List<String> seenAtReads = new CopyOnWriteArrayList<>();

    /** The program's standard output: buffered until flushed, like a terminal's. */
    public PrintStream out() {
        OutputStream buffered = new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                pending.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                pending.write(b, off, len);
            }

            @Override
            public synchronized void flush() {
                synchronized (screen) {
                    screen.writeBytes(pending.toByteArray());
                }
                pending.reset();
            }
        };
        return new PrintStream(buffered, false, StandardCharsets.UTF_8);
    }

    /** The keyboard: {@code keys}, noting the screen at every read. */
    public InputStream keyboard(InputStream keys) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                note();
                return keys.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                note();
                return keys.read(b, off, len);
            }
        };
    }

    /** What the screen showed each time the program read the keyboard, in order. */
    public List<String> seenAtReads() {
        return List.copyOf(seenAtReads);
    }

    private void note() {
        synchronized (screen) {
            seenAtReads.add(screen.toString(StandardCharsets.UTF_8));
        }
    }
}
