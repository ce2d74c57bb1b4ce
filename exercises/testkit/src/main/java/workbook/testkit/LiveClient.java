package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A student's interactive client running in its own thread while the check types into its keyboard, line by line,
 * and watches what it prints.
 *
 * <pre>{@code
 * try (LiveClient chat = LiveClient.start("ChatClient", (in, out, err) -> ChatClient.run(in, out, err, address),
 *         () -> { })) {
 *     chat.expectOutput("[127.0.0.1:4000] hello", "a message relayed while nobody typed");
 *     chat.type("hi there");
 *     chat.endInput();
 *     assertThat(chat.expectExit()).isZero();
 * }
 * }</pre>
 * Unlike {@link ClientRun}, whose keyboard is all there from the start, this keyboard gives the
 * client nothing until the check types, so a check can see what the client does while it waits
 * for the user. Every wait is bounded; a client that does not finish is reported with where it
 * was stuck, then unblocked.
 */
public final class LiveClient implements AutoCloseable {

    private final String name;
    private final Keyboard keyboard = new Keyboard();
    private final ClientThread client;

    private LiveClient(String name, ClientRun.ClientMain client, Runnable unblock) {
        this.name = name;
        this.client = ClientThread.start(name, client, keyboard, unblock);
    }

    /**
     * Starts the client on an empty keyboard.
     *
     * @param unblock what makes the client's blocked calls end if it is stuck (such as closing its socket)
     */
    public static LiveClient start(String name, ClientRun.ClientMain client, Runnable unblock) {
        LiveClient live = new LiveClient(name, client, unblock);
        Diagnostics.note(live::describe);
        return live;
    }

    /** Types one line and Enter. */
    public void type(String line) {
        keyboard.offer((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the keyboard input, like Ctrl-D. */
    public void endInput() {
        keyboard.end();
    }

    /** Waits up to {@link Timeouts#REPLY} until the client has printed {@code expected} somewhere on its standard output. */
    public void expectOutput(String expectedText, String what) {
        String expected = LineEnds.normalise(expectedText);
        if (!client.awaitOutput(expected, Timeouts.REPLY)) {
            Diagnostics.snapshot();
            fail("Your " + name + " did not print " + what + " within " + Timeouts.REPLY.toSeconds()
                    + " s. Expected to see:\n" + Bytes.indent(Bytes.show(expected.getBytes(StandardCharsets.UTF_8)))
                    + printed() + (client.isAlive() ? "It is waiting at:\n" + client.where()
                            : "It had already ended" + (client.thrown() == null ? "." : ", throwing " + client.thrown())));
        }
    }

    /**
     * Waits up to {@link Timeouts#REPLY} for the client to finish and returns its exit code; fails, saying where it
     * was stuck, if it does not finish or if it threw.
     */
    public int expectExit() {
        long cpuBefore = client.cpuNanos();
        if (!client.join(Timeouts.REPLY)) {
            String stuckAt = client.stuckAt(cpuBefore, Timeouts.REPLY);
            Diagnostics.snapshot();
            client.unblock();
            client.join(Timeouts.SHUTDOWN);
            fail("Your " + name + " did not finish within " + Timeouts.REPLY.toSeconds()
                    + " s after its input ended. It was waiting at:\n" + stuckAt + "\n" + printed());
        }
        Throwable thrown = client.thrown();
        if (thrown != null) {
            Diagnostics.snapshot();
            fail("Your " + name + " crashed with " + thrown + " at:\n" + Stacks.show(thrown.getStackTrace()) + "\n"
                    + printed());
        }
        return client.exitCode();
    }

    /** Everything printed on standard output so far, as UTF-8 text, line ends as \n ({@link LineEnds}). */
    public String out() {
        return LineEnds.text(client.out());
    }

    /** Everything printed on standard error so far, as UTF-8 text, line ends as \n ({@link LineEnds}). */
    public String err() {
        return LineEnds.text(client.err());
    }

    /**
     * What the client printed, on out and on err, as text and hex (line ends as \n); what it printed after the
     * check closed its connection (such as "Socket closed") is shown apart, as the check's doing.
     */
    public String printed() {
        return client.printed();
    }

    /**
     * Ends the input; if the client is still running after that, unblocks it and waits for it, boundedly; fails,
     * saying where it is stuck, if it still runs.
     */
    @Override
    public void close() {
        endInput();
        if (!client.stop()) {
            Diagnostics.snapshot();
            fail("Your " + name + " was still running " + Timeouts.SHUTDOWN.toSeconds() + " s after its input ended"
                    + " and its connection was closed, at:\n" + client.where() + "\n" + printed());
        }
    }

    private String describe() {
        return "Your " + name + (client.isAlive() ? " is still running" : " has ended") + ". " + printed().stripTrailing();
    }

    /** A keyboard that has nothing to read until the check types, and ends when the check says so. */
    private static final class Keyboard extends InputStream {
        private static final byte[] END = new byte[0];
        private final LinkedBlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        void offer(byte[] line) {
            lines.add(line);
        }

        void end() {
            lines.add(END);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (position == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = lines.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("the keyboard was interrupted");
                }
                position = 0;
                ended = current == END;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }
}
