package workbook.ftp;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import workbook.testkit.Bytes;
import workbook.testkit.Diagnostics;
import workbook.testkit.Loopback;
import workbook.testkit.Timeouts;

/**
 * A control connection on a plain socket, for the checks that must see the bytes themselves: CR LF or a
 * bare LF, the numbers of a PASV reply, what comes after a too long line. Every read waits at most
 * {@link Timeouts#REPLY}.
 */
final class Raw implements AutoCloseable {

    /** One reply: its lines as they arrived (bytes, endings included) and its code. */
    record Reply(int code, List<byte[]> lines) {
        byte[] bytes() {
            return Bytes.concat(lines);
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        /** The text of the last line, without its code and line ending. */
        String lastText() {
            String last = new String(lines.get(lines.size() - 1), StandardCharsets.UTF_8).strip();
            return last.length() > 4 ? last.substring(4) : "";
        }

        String shown() {
            return Bytes.show(lines).indent(2).stripTrailing();
        }
    }

    private static final Pattern FINAL_LINE = Pattern.compile("^(\\d{3}) .*", Pattern.DOTALL);
    private static final Pattern FIRST_LINE = Pattern.compile("^(\\d{3})([ -]).*", Pattern.DOTALL);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<byte[]> seen = new ArrayList<>();

    private Raw(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static Raw connect(int port) throws IOException {
        Raw raw = new Raw(Loopback.connect(port));
        Diagnostics.note(raw::transcript);
        return raw;
    }

    Socket socket() {
        return socket;
    }

    /** Reads the greeting and fails unless it is a 220. */
    Reply greeting() throws IOException {
        Reply r = reply("the greeting");
        expectCode(r, 220, "the greeting");
        return r;
    }

    /** Sends the bytes as they are (no line ending added). */
    void sendBytes(byte[] bytes) throws IOException {
        seen.add(("C: " + visible(bytes)).getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
    }

    /** Sends {@code line} + CR LF and reads the reply. */
    Reply command(String line) throws IOException {
        sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return reply("the reply to " + visible(line.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends {@code line} + CR LF and fails unless the reply has {@code code}. */
    Reply must(int code, String line) throws IOException {
        Reply r = command(line);
        expectCode(r, code, "\"" + line + "\"");
        return r;
    }

    /** Logs in with USER and PASS. */
    void login(String user, String password) throws IOException {
        must(331, "USER " + user);
        must(230, "PASS " + password);
    }

    /** Reads one whole reply (one line, or a multi-line reply up to "code SP"), failing if it does not come. */
    Reply reply(String what) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        byte[] first = line(what, lines);
        String text = new String(first, StandardCharsets.UTF_8);
        Matcher m = FIRST_LINE.matcher(text);
        if (!m.matches()) {
            Diagnostics.snapshot();
            fail("Expected " + what + " to start with a three-digit code and a space (or '-' for a multi-line"
                    + " reply), received:\n" + Bytes.show(lines).indent(2).stripTrailing());
        }
        String code = m.group(1);
        if (m.group(2).equals("-")) {
            while (true) {
                String next = new String(line(what + " (a multi-line reply, ended by a line \"" + code + " ...\")", lines),
                        StandardCharsets.UTF_8);
                Matcher end = FINAL_LINE.matcher(next);
                if (end.matches() && end.group(1).equals(code)) {
                    break;
                }
            }
        }
        return new Reply(Integer.parseInt(code), lines);
    }

    /** Reads up to and including the next LF. */
    private byte[] line(String what, List<byte[]> sofar) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b == -1) {
                    failReading(what, sofar, line, "then the server closed the connection");
                }
                line.write(b);
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    sofar.add(bytes);
                    seen.add(("S: " + visible(bytes)).getBytes(StandardCharsets.UTF_8));
                    return bytes;
                }
                if (line.size() > 64 * 1024) {
                    failReading(what, sofar, line, "64 KiB without a line ending");
                }
            }
        } catch (SocketTimeoutException e) {
            failReading(what, sofar, line, "then nothing more for " + Ftp.seconds(Timeouts.REPLY));
        } catch (SocketException e) {
            failReading(what, sofar, line, "then the connection broke: " + e.getMessage());
        }
        throw new AssertionError("unreachable");
    }

    private void failReading(String what, List<byte[]> sofar, ByteArrayOutputStream line, String ending) {
        List<byte[]> all = new ArrayList<>(sofar);
        if (line.size() > 0) {
            all.add(line.toByteArray());
        }
        Diagnostics.snapshot();
        fail("Expected " + what + ", a line ending in CR LF. "
                + (all.isEmpty() ? "Nothing arrived, " + ending + "." : "Received:\n" + Bytes.show(all).indent(2)
                        + ending + "."));
    }

    /** Fails unless the reply's code is {@code code}, showing the reply as text and hex. */
    static void expectCode(Reply r, int code, String what) {
        if (r.code() != code) {
            Diagnostics.snapshot();
            fail("Expected reply " + code + " to " + what + ", received " + r.code() + ":\n" + r.shown());
        }
    }

    /** Fails unless every line of the reply ends in CR LF. */
    static void expectCrLf(Reply r, String what) {
        for (byte[] line : r.lines()) {
            if (line.length < 2 || line[line.length - 2] != '\r') {
                Diagnostics.snapshot();
                fail("Every reply line must end in CR LF (0d 0a); a line of " + what + " ends in a bare LF (0a):\n"
                        + Bytes.compare(crlf(line), List.of(line)).indent(2).stripTrailing()
                        + "\n(expected above, received below)");
            }
        }
    }

    /** The same line with its ending replaced by CR LF: what a correct server would have sent. */
    private static byte[] crlf(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8).replaceAll("\r?\n$", "");
        return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Fails unless the server closes the connection within {@link Timeouts#REPLY} (bytes before the close are allowed). */
    void expectClosed(String after) throws IOException {
        long deadline = System.nanoTime() + Timeouts.REPLY.toNanos();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        try {
            while (System.nanoTime() < deadline) {
                int b = in.read();
                if (b == -1) {
                    return;
                }
                extra.write(b);
            }
        } catch (SocketTimeoutException e) {
            // falls through to the failure
        } catch (SocketException e) {
            return; // reset: closed too
        }
        Diagnostics.snapshot();
        fail("Expected the server to close the connection after " + after + "; it was still open after "
                + Ftp.seconds(Timeouts.REPLY) + (extra.size() > 0 ? ", and sent:\n" + Bytes.show(extra.toByteArray()).indent(2) : "."));
    }

    /** The conversation so far (C: sent, S: received), printed when a check fails. */
    String transcript() {
        StringBuilder s = new StringBuilder("The control connection so far (C: the check, S: your server):");
        int from = Math.max(0, seen.size() - 30);
        if (from > 0) {
            s.append("\n  ... (").append(from).append(" earlier lines)");
        }
        for (byte[] line : seen.subList(from, seen.size())) {
            s.append("\n  ").append(new String(line, StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    /** Bytes as text with CR, LF and other control bytes escaped, cut at 120 characters. */
    static String visible(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length() && s.length() < 120; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '\0' -> s.append("\\0");
                default -> s.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return text.length() > 120 ? s + "... (" + bytes.length + " bytes)" : s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
