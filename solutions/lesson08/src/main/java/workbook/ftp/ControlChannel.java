package workbook.ftp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The control connection's codec: command lines in, replies out. It knows bytes and lines, not
 * what a command means.
 *
 * <pre>
 *   client: U S E R SP a l i c e CR LF             one command per line (a bare LF is tolerated)
 *   server: 3 3 1 SP P a s s w o r d ... CR LF     code SP text CRLF
 *   server: 2 1 1 - F e a t u r e s : CR LF        a multi-line reply: code '-' on the first line,
 *           SP U T F 8 CR LF                       any lines,
 *           2 1 1 SP E n d CR LF                   and the same code SP on the last one
 * </pre>
 * A line longer than the limit is read to its end and thrown away, a byte at a time, so a client
 * can never make the server hold more than {@code maxLineLength} bytes of one line.
 */
final class ControlChannel {

    /** Every reply line ends in CR LF (RFC 959, section 4.2), whatever the server's platform. */
    static final String EOL = "\r\n";

    /** Writing a reply failed: the client is gone, and the session ends (unlike a failed file operation). */
    static final class Lost extends IOException {
        Lost(IOException cause) {
            super("the control connection is lost: " + cause.getMessage(), cause);
        }
    }

    /** A line longer than the limit: the session answers 500 and reads the next one. */
    static final class LineTooLong extends IOException {
        LineTooLong(int limit) {
            super("command line longer than " + limit + " bytes");
        }
    }

    private final InputStream in;
    private final OutputStream out;
    private final int maxLineLength;

    /** Streams, not a socket: a check can feed it bytes split anywhere, without a network. */
    ControlChannel(InputStream in, OutputStream out, int maxLineLength) {
        this.in = new BufferedInputStream(in);
        this.out = new BufferedOutputStream(out);
        this.maxLineLength = maxLineLength;
    }

    /**
     * The next command line without its line end, or null at end of stream.
     *
     * @throws LineTooLong               the line was longer than the limit (it was skipped)
     * @throws CharacterCodingException  the line was not UTF-8 (it was skipped)
     * @throws java.net.SocketTimeoutException  no byte came within the idle limit
     */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                return null; // a last line without LF is not a command: the client went away
            }
            if (line.size() <= maxLineLength) { // one byte more, to tell a CR before the LF
                line.write(b);
            } else {
                tooLong = true; // keep reading to the LF, keep nothing
            }
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (tooLong || length > maxLineLength) {
            throw new LineTooLong(maxLineLength);
        }
        // A strict decoder: a path with bytes that are not UTF-8 is refused, not guessed at.
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    }

    /** A one-line reply: {@code code SP text CRLF}. */
    void reply(int code, String text) throws IOException {
        write(code + " " + oneLine(text) + EOL);
    }

    /**
     * A multi-line reply: {@code code-first}, each line with a leading space (so that no line
     * can look like the end), then {@code code SP last}.
     */
    void reply(int code, String first, List<String> lines, String last) throws IOException {
        StringBuilder reply = new StringBuilder(code + "-" + oneLine(first) + EOL);
        for (String line : lines) {
            reply.append(' ').append(oneLine(line)).append(EOL);
        }
        reply.append(code).append(' ').append(oneLine(last)).append(EOL);
        write(reply.toString());
    }

    private void write(String text) throws IOException {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new Lost(e);
        }
    }

    /** A file name could hold a CR or LF; inside a reply it would end the line early. */
    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
