package workbook.ftp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply of an FTP server: a three-digit code and its lines. A multi-line reply starts with
 * {@code "211-"} and ends at the first line that starts with the same code and a space (RFC 959 4.2);
 * the lines in between may say anything, even start with digits.
 */
record ServerReply(int code, List<String> lines) {

    /** A line longer than this is not an FTP reply: stop rather than fill the memory. */
    private static final int MAX_LINE = 64 * 1024;
    private static final Pattern EPSV = Pattern.compile("\\((\\p{Graph})\\1\\1(\\d{1,5})\\1\\)");
    private static final Pattern PASV = Pattern.compile("\\d{1,3},\\d{1,3},\\d{1,3},\\d{1,3},(\\d{1,3}),(\\d{1,3})");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")*)\"");

    /** Reads one whole reply; lines end in CRLF (a bare LF is tolerated), text is UTF-8 (RFC 2640). */
    static ServerReply read(InputStream in) throws IOException {
        String first = readLine(in);
        if (!first.matches("\\d{3}([ -].*)?")) {
            throw new FtpException(0, "not an FTP reply: " + first);
        }
        List<String> lines = new ArrayList<>(List.of(first));
        if (first.startsWith("-", 3)) {
            String end = first.substring(0, 3) + " ";
            String line;
            do {
                line = readLine(in);
                lines.add(line);
            } while (!line.startsWith(end));
        }
        return new ServerReply(Integer.parseInt(first.substring(0, 3)), List.copyOf(lines));
    }

    /** The reply's first digit: 1 preliminary, 2 done, 3 more needed, 4 try again later, 5 refused. */
    int kind() {
        return code / 100;
    }

    /** The text after the code on the first line ("Entering Passive Mode (...)"). */
    String text() {
        String first = lines.get(0);
        return first.substring(Math.min(4, first.length()));
    }

    /** The port of a 229 reply, "Entering Extended Passive Mode (|||6446|)" (RFC 2428): any delimiter, no address. */
    int epsvPort() throws FtpException {
        Matcher m = EPSV.matcher(text());
        int port = m.find() ? Integer.parseInt(m.group(2)) : 0;
        if (port > 0 && port <= 65535) {
            return port;
        }
        throw notUnderstood();
    }

    /** The port of a 227 reply, "Entering Passive Mode (127,0,0,1,195,80)": p1 * 256 + p2 (RFC 959). */
    int pasvPort() throws FtpException {
        Matcher m = PASV.matcher(text());
        int port = m.find() ? Integer.parseInt(m.group(1)) * 256 + Integer.parseInt(m.group(2)) : 0;
        if (port > 0 && port <= 65535) {
            return port;
        }
        throw notUnderstood();
    }

    /** The path of a 257 reply, {@code "/a ""quoted"" dir" is current}: a quote inside is doubled (RFC 959 7). */
    String quoted() throws FtpException {
        Matcher m = QUOTED.matcher(text());
        if (m.find()) {
            return m.group(1).replace("\"\"", "\"");
        }
        throw notUnderstood();
    }

    /** "550 No such file": what a user reads when the command failed. */
    @Override
    public String toString() {
        return code + " " + text();
    }

    private FtpException notUnderstood() {
        return new FtpException(0, "reply not understood: " + this);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (line.size() == MAX_LINE) {
                throw new FtpException(0, "the server sent a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
