package workbook.upload;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The interactive client for {@link UploadServer}: lists a folder's files, numbered, and uploads
 * the one whose number is typed at the {@code >>: } prompt.
 *
 * <pre>
 *   Files in /home/me/videos:
 *     1. cat.mp4 (14.2 MiB)
 *     2. notes.txt (812 B)
 *   >>: 1
 *   Uploading cat.mp4 to 127.0.0.1:8080
 *   [##############################] 100%  14.2 MiB of 14.2 MiB
 *   saved cat.mp4 (14890132 bytes, SHA-256 checked)
 *   >>:            (Ctrl-D ends the input)
 * </pre>
 * Each upload uses its own connection: the server hangs up after a refusal, and a fresh
 * connection per file keeps this client simple. {@link #upload} is the part without a keyboard.
 */
public final class UploadClient {

    static final String PROMPT = ">>: ";
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** How long to wait for the verdict once the trailer is sent (the server finishes the file first). */
    private static final int VERDICT_TIMEOUT_MS = 60_000;
    /** After a failed send, how long to look for a verdict the server sent before it hung up. */
    private static final int AFTER_FAILURE_MS = 2_000;
    /** Large reads and writes: fewer system calls; the progress bar moves every MiB. */
    private static final int BUFFER_SIZE = 1 << 20;

    private UploadClient() {
    }

    /**
     * Uploads one file: connects, sends the header and the body, and returns the server's verdict.
     *
     * @param progress told how many body bytes have been handed to the socket so far
     * @throws IOException if the connection fails or the server hangs up without a verdict
     */
    // tag::upload[]
    public static Verdict upload(Path file, InetSocketAddress server,
            LongConsumer progress) throws IOException {
        UploadHeader header = UploadHeader.of(file); // name and size
        try (Socket socket = new Socket()) {
            socket.connect(server, CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(VERDICT_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            HeaderCodec.write(out, header);
            try {
                UploadTrailer trailer = sendBody(file,
                        header.fileSize(), out, progress);
                HeaderCodec.write(out, trailer);
            } catch (IOException e) {
                // The server may have refused early and hung up:
                // its verdict, if it sent one, says why.
                return verdictAfter(socket).orElseThrow(() -> e);
            }
            return HeaderCodec.read(socket.getInputStream(), Verdict.class)
                    .orElseThrow(() -> new EOFException(
                            "the server hung up without a verdict"));
        }
    }
    // end::upload[]

    /** After sending failed: the verdict if one is already there, or empty. */
    private static Optional<Verdict> verdictAfter(Socket socket) {
        try {
            socket.setSoTimeout(AFTER_FAILURE_MS);
            return HeaderCodec.read(socket.getInputStream(), Verdict.class);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends exactly {@code size} bytes of {@code file}: the body, as bytes, never as text. Each
     * buffer is hashed as it goes out, so the file is read once; returns the trailer for them.
     */
    // tag::send-body[]
    private static UploadTrailer sendBody(Path file, long size,
            OutputStream socket, LongConsumer progress)
            throws IOException {
        MessageDigest sha = UploadTrailer.newDigest();
        try (InputStream body = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            long sent = 0;
            progress.accept(sent);
            // tag::slide-send[]
            while (sent < size) {
                int n = body.read(buffer, 0,
                        (int) Math.min(buffer.length, size - sent));
                if (n == -1) {
                    throw new EOFException("the file shrank to "
                            + sent + " bytes while it was sent");
                }
                sha.update(buffer, 0, n); // hashed as it passes
                socket.write(buffer, 0, n);
                sent += n;
                progress.accept(sent);
            }
            // end::slide-send[]
        }
        return UploadTrailer.of(sha);
    }
    // end::send-body[]

    /**
     * The interactive loop: lists the files, reads a number, uploads that file, prints the verdict,
     * until the keyboard input ends.
     *
     * @return the exit code: 0 after the input ended, 1 if a connection was lost, 2 if none could be made
     */
    public static int run(InputStream keyboard, PrintStream out, PrintStream err, Path folder,
            InetSocketAddress server) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8));
        try {
            List<Path> files = list(folder, out);
            while (true) {
                out.print(PROMPT);
                out.flush();
                String line = lines.readLine();
                if (line == null) {
                    out.println();
                    return 0;
                }
                String choice = line.strip();
                if (choice.isEmpty()) {
                    continue;
                }
                // tag::choice[]
                if (!choice.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    out.println("Please type a number, from 1 to " + files.size() + ".");
                    continue;
                }
                int index = toIndex(choice);
                if (index < 1 || index > files.size()) {
                    out.println("There is no file number " + choice + ": choose from 1 to " + files.size() + ".");
                    continue;
                }
                // end::choice[]
                Path file = files.get(index - 1);
                out.println("Uploading " + file.getFileName() + " to " + show(server));
                ProgressBar bar = new ProgressBar(out, Files.size(file));
                Verdict verdict;
                try {
                    verdict = upload(file, server, bar);
                } finally {
                    bar.finish();
                }
                out.println(verdict.message());
                files = list(folder, out);
            }
        } catch (ConnectException e) {
            err.println("Could not connect to " + show(server) + ": " + reason(e)
                    + ". Is the server running?");
            return 2;
        } catch (UnknownHostException e) {
            err.println("Unknown host: " + server.getHostString());
            return 2;
        } catch (SocketTimeoutException e) {
            err.println("No verdict from " + show(server) + " within " + VERDICT_TIMEOUT_MS / 1000 + " s.");
            return 1;
        } catch (IOException e) {
            err.println("Upload failed: " + reason(e));
            return 1;
        }
    }

    /** Prints the folder's regular files, sorted by name and numbered from 1; returns them in that order. */
    static List<Path> list(Path folder, PrintStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        out.println(files.isEmpty() ? "There are no files in " + folder + "." : "Files in " + folder + ":");
        for (int i = 0; i < files.size(); i++) {
            out.println("  " + (i + 1) + ". " + files.get(i).getFileName() + " ("
                    + ProgressBar.size(Files.size(files.get(i))) + ")");
        }
        return files;
    }

    /** The number typed, or -1 if it is too large to be any file's number. */
    private static int toIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An exception's message, or its kind when it has none: an error line never says "null". */
    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String show(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /**
     * Runs the client on the terminal.
     *
     * @param args optional: a port (default 8080), the folder to list (default: the current
     *             directory), then a host (default 127.0.0.1)
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Path folder = Path.of(args.length > 1 ? args[1] : ".");
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        System.exit(run(System.in, System.out, System.err, folder, new InetSocketAddress(host, port)));
    }
}
