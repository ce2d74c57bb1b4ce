package workbook.ftp;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import workbook.testkit.Bytes;
import workbook.testkit.ClientRun;
import workbook.testkit.Patience;

/** What the client checks share: test files, a bounded way to run the client, and clear comparisons. */
final class ClientCalls {

    /** Long enough for a few MiB over loopback on a loaded machine; short enough that nothing can hang. */
    static final Duration PATIENCE = Patience.scaled(6_000);

    private ClientCalls() {
    }

    /** What the client did: a value, or the exception it threw. */
    record Outcome<T>(T value, Exception thrown) {
    }

    /** Work done with the client; may throw like the client does. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code work} on a thread of its own: if it has not finished within {@link #PATIENCE}, the peer is
     * closed (which ends any blocked read) and the check fails, showing where the client was stuck.
     */
    static <T> Outcome<T> bounded(String what, FtpPeer peer, Work<T> work) {
        AtomicReference<Outcome<T>> outcome = new AtomicReference<>();
        ClientRun.run("FtpClient (" + what + ")", (in, out, err) -> {
            try {
                outcome.set(new Outcome<>(work.run(), null));
            } catch (Exception e) {
                outcome.set(new Outcome<>(null, e));
            }
            return 0;
        }, "", PATIENCE, peer::close).assertFinished();
        return outcome.get();
    }

    /** Like {@link #bounded}, failing the check if the client threw. */
    static <T> T succeeds(String what, FtpPeer peer, Work<T> work) {
        Outcome<T> outcome = bounded(what, peer, work);
        if (outcome.thrown() != null) {
            fail("Against %s, %s failed with:%n  %s%nIt should have worked.", peer.name(), what,
                    outcome.thrown());
        }
        return outcome.value();
    }

    /** Like {@link #bounded}, failing the check unless the client threw an FtpException; returns it. */
    static FtpException refused(String what, FtpPeer peer, Work<?> work) {
        Outcome<?> outcome = bounded(what, peer, work);
        if (!(outcome.thrown() instanceof FtpException e)) {
            return fail("Against %s, %s should have thrown an FtpException, but %s.", peer.name(), what,
                    outcome.thrown() == null ? "it returned normally" : "it threw " + outcome.thrown());
        }
        return e;
    }

    static FtpClient loggedIn(FtpPeer peer) throws IOException {
        FtpClient client = FtpClient.connect("127.0.0.1", peer.port());
        try {
            client.login(FtpPeer.USER, FtpPeer.PASSWORD);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** {@code size} bytes that are the same on every run (the seed), with no pattern a bug could hide in. */
    static byte[] content(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static Path write(Path file, byte[] data) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless {@code file} holds exactly {@code expected}: sizes, SHA-256 and the first difference shown. */
    static void assertSameFile(byte[] expected, Path file, String what) {
        byte[] received;
        try {
            received = Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (received == null) {
            fail("%s: %s does not exist; expected %d bytes (SHA-256 %s).", what, file.getFileName(), expected.length,
                    sha256(expected));
        }
        if (!Arrays.equals(expected, received)) {
            int at = Bytes.firstDifference(expected, received);
            fail("%s: %s differs from the original.%n"
                    + "  expected %d bytes, SHA-256 %s%n  received %d bytes, SHA-256 %s%n"
                    + "  first difference at byte %d:%n  expected%n%s  received%n%s",
                    what, file.getFileName(), expected.length, sha256(expected), received.length, sha256(received),
                    at, Bytes.show(window(expected, at)), Bytes.show(window(received, at)));
        }
    }

    private static byte[] window(byte[] data, int at) {
        return Arrays.copyOfRange(data, Math.min(at, data.length), Math.min(at + 16, data.length));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
