package workbook.upload;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;

/**
 * The server's side of one connection: upload after upload, each answered with a {@link Verdict},
 * until the client hangs up.
 *
 * <p>For each upload it checks the header, streams the body into a hidden temporary file in the
 * upload directory while computing its SHA-256, reads the trailer, and only when the trailer's
 * SHA-256 matches renames the file, in one atomic step, to its real name. Whatever goes wrong,
 * the temporary file is deleted: a half-received upload never looks like a complete file. After
 * a refusal it hangs up, because it no longer knows where the next frame would start.
 */
final class UploadConversation {

    /** The largest upload this server accepts, whatever the disk could take. */
    static final long MAX_FILE_SIZE = 64L << 30;
    /** Large reads: fewer system calls; 1 MiB is still nothing next to the heap. */
    private static final int BUFFER_SIZE = 1 << 20;
    /** After a refusal, how long to wait for the client to stop sending before closing. */
    private static final int DRAIN_TIMEOUT_MS = 1_000;

    private final Socket client;
    private final Path directory;
    private final ClientLimits limits;
    private final PacedInputStream in;

    UploadConversation(Socket client, Path directory, ClientLimits limits) throws IOException {
        this.client = client;
        this.directory = directory;
        this.limits = limits;
        this.in = new PacedInputStream(client);
    }

    /** The communication loop: upload after upload, each answered, until the client hangs up. */
    // tag::converse[]
    void converse() throws IOException {
        OutputStream out = client.getOutputStream();
        while (true) {
            Verdict verdict;
            String parser = "";
            try {
                in.expectFrame("header", limits.idle(), limits.frame());
                Optional<UploadHeader> header =
                        HeaderCodec.read(in, UploadHeader.class);
                if (header.isEmpty()) {
                    return; // the client hung up between uploads
                }
                verdict = receive(header.get());
            } catch (FrameException | SocketTimeoutException e) {
                verdict = Verdict.refused(e.getMessage());
                parser = parserSaid(e); // for the log, not the client
            }
            log(client, verdict.message() + parser);
            if (!verdict.ok()) {
                answerAndHangUp(verdict);
                return;
            }
            HeaderCodec.write(out, verdict);
        }
    }
    // end::converse[]

    /** Checks the header, streams the body to a temporary file, and renames it if the trailer agrees. */
    // tag::starter-receive[]
    private Verdict receive(UploadHeader header)
            throws IOException {
        Path target;
        try {
            // TODO(step 3): The seed opened real_dic.get('file_size'), and
            //  so does this line: every upload is saved under a number.
            //  Save it under the name the client gave in its header.
            target = SafeFileName.resolve(directory,
                    String.valueOf(header.fileSize()));
            refuseIfUnfit(header, target);
        } catch (RefusedException e) {
            return Verdict.refused(e.getMessage());
        }
        // Hidden, in the same directory (so the rename cannot
        // cross file systems), and never the name the client asked.
        Path part = Files.createTempFile(directory, ".upload-",
                ".part");
        // tag::slide-rename[]
        try {
            String sha256 = copyBody(part, header.fileSize());
            UploadTrailer trailer = readTrailer();
            if (!sha256.equals(trailer.sha256())) {
                return Verdict.refused("the body's SHA-256 is "
                        + sha256 + ", but the trailer says "
                        + trailer.sha256());
            }
            Files.move(part, target, ATOMIC_MOVE);
            return saved(header);
        } catch (EOFException e) {
            return Verdict.refused(e.getMessage());
        } finally {
            Files.deleteIfExists(part); // gone if it was renamed
        }
        // end::slide-rename[]
    }
    // end::starter-receive[]

    /** The trailer right after the body; a stream that ends instead is a short upload, not a clean goodbye. */
    private UploadTrailer readTrailer() throws IOException {
        in.expectFrame("trailer", limits.frame(), limits.frame());
        return HeaderCodec.read(in, UploadTrailer.class).orElseThrow(() ->
                new EOFException("the upload ended after the body, without its trailer"));
    }

    private static Verdict saved(UploadHeader header) {
        return Verdict.saved("saved " + header.fileName() + " (" + count(header.fileSize()) + ", SHA-256 checked)");
    }

    /** "1 byte", "5 bytes". */
    static String count(long bytes) {
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    /** Refuses a name that exists (never overwrite silently) and a size this server cannot take. */
    private void refuseIfUnfit(UploadHeader header, Path target) throws RefusedException, IOException {
        if (Files.exists(target)) {
            throw new RefusedException(SafeFileName.quoted(header.fileName()) + " exists already");
        }
        long room = Math.min(MAX_FILE_SIZE, Files.getFileStore(directory).getUsableSpace());
        if (header.fileSize() > room) {
            throw new RefusedException("\"file_size\" " + header.fileSize()
                    + " is more than this server can take (" + room + " bytes)");
        }
    }

    /** Copies exactly {@code size} bytes into {@code part}, hashing them on the way; returns their SHA-256 in hex. */
    // tag::copy-body[]
    private String copyBody(Path part, long size) throws IOException {
        in.expectBody(limits.minBodyBytes(), limits.bodyPeriod());
        MessageDigest sha = UploadTrailer.newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (OutputStream file = Files.newOutputStream(part)) {
            long left = size;
            // tag::slide-copy[]
            while (left > 0) {
                // Never read past this body: the trailer
                // follows right behind it.
                int n = in.read(buffer, 0,
                        (int) Math.min(buffer.length, left));
                if (n == -1) {
                    throw new EOFException("the body ended after "
                            + (size - left) + " of " + count(size));
                }
                sha.update(buffer, 0, n); // hashed as it passes
                file.write(buffer, 0, n);
                left -= n;
            }
            // end::slide-copy[]
        }
        return UploadTrailer.hex(sha.digest());
    }
    // end::copy-body[]

    /**
     * Sends a refusal and ends the connection. It first stops sending (FIN after the verdict), then
     * reads and discards what the client still sends, briefly: closing a socket with unread bytes
     * makes the system answer with a reset, which can destroy the verdict before the client reads it.
     */
    private void answerAndHangUp(Verdict verdict) {
        try {
            HeaderCodec.write(client.getOutputStream(), verdict);
            client.shutdownOutput();
            client.setSoTimeout(DRAIN_TIMEOUT_MS);
            InputStream raw = client.getInputStream();
            byte[] sink = new byte[64 * 1024];
            long deadline = System.nanoTime() + DRAIN_TIMEOUT_MS * 1_000_000L;
            while (System.nanoTime() < deadline && raw.read(sink) != -1) {
                // discarded: the upload was refused
            }
        } catch (IOException e) {
            // The client is gone or silent: nothing more to tell it.
        }
    }

    /** For the server's log only: what the JSON parser itself said, if it was the parser. */
    private static String parserSaid(IOException e) {
        if (e.getCause() instanceof JacksonException parser) {
            String said = String.valueOf(parser.getOriginalMessage());
            return " (parser: " + said.lines().findFirst().orElse(said) + ")";
        }
        return "";
    }

    /** An exception's message, or its kind when it has none: never "null". */
    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static void log(Socket client, String event) {
        System.out.println("[server] " + client.getRemoteSocketAddress() + " " + event);
    }
}
