package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.Timeouts;
import workbook.testkit.VirtualThreadWarmUp;

/** A few quick checks of the server over raw sockets; the full checks of each step are in the other classes. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread machinery is not the lesson's
@DisplayName("Lesson 08 · FtpServer smoke checks (steps 1 to 4)")
class ServerSmokeTest {

    private static final String PASSWORD = "correct horse";

    @TempDir
    Path dir;

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the greeting and a reply are 'code SP text CR LF'")
    void greetingEndsInCrLf() throws Exception {
        try (FtpServer server = start(); Socket control = connect(server)) {
            assertReplyLine(control, "220", "the greeting");
            send(control, "NOOP");
            assertReplyLine(control, "200", "the reply to NOOP");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a wrong password gets 530, the right one 230")
    void wrongPasswordIsRefused() throws Exception {
        try (FtpServer server = start(); Socket control = connect(server)) {
            readReply(control);
            send(control, "USER alice");
            assertThat(readReply(control)).as("the reply to USER alice").startsWith("331 ");
            send(control, "PASS not the password");
            assertThat(readReply(control)).as("the reply to PASS with a wrong password").startsWith("530 ");
            send(control, "USER alice");
            readReply(control);
            send(control, "PASS " + PASSWORD);
            assertThat(readReply(control)).as("the reply to PASS with the right password").startsWith("230 ");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: CWD ../.. from the home is refused and PWD still says \"/\"")
    void cwdCannotLeaveTheHome() throws Exception {
        try (FtpServer server = start(); Socket control = loggedIn(server)) {
            send(control, "CWD ../..");
            assertThat(readReply(control)).as("the reply to CWD ../.. in the home").startsWith("550 ");
            send(control, "PWD");
            assertThat(readReply(control)).as("the reply to PWD after CWD ../..").isEqualTo("257 \"/\" is the current directory.");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: the PASV reply names a port (p1 * 256 + p2) where LIST's data arrives")
    void pasvNamesTheRightPort() throws Exception {
        Files.createDirectories(dir.resolve("homes/alice"));
        Files.writeString(dir.resolve("homes/alice/hello.txt"), "hello");
        try (FtpServer server = start(); Socket control = loggedIn(server)) {
            send(control, "PASV");
            String reply = readReply(control);
            Matcher m = Pattern.compile("227 .*\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\).*").matcher(reply);
            assertThat(m.matches()).as("a PASV reply of the form 227 ...(h1,h2,h3,h4,p1,p2): " + reply).isTrue();
            int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
            try (Socket data = new Socket()) {
                data.connect(new InetSocketAddress(control.getInetAddress(), port), (int) Timeouts.REPLY.toMillis());
                data.setSoTimeout((int) Timeouts.REPLY.toMillis());
                send(control, "NLST");
                assertThat(readReply(control)).as("the reply to NLST").startsWith("150 ");
                String names = new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(names).as("the names NLST sent on the data connection").isEqualTo("hello.txt\r\n");
            } catch (IOException e) {
                throw new AssertionError("Could not connect to port p1 * 256 + p2 = " + port + " from \"" + reply
                        + "\" (" + e.getMessage() + "): is the port encoded as p1 = port / 256, p2 = port % 256?", e);
            }
            assertThat(readReply(control)).as("the reply after the listing").startsWith("226 ");
        }
    }

    private FtpServer start() throws IOException {
        Path users = dir.resolve("users.txt");
        Users.add(users, "alice", PASSWORD.toCharArray(), 1 << 20, 1_000);
        return FtpServer.start(FtpConfig.defaults(dir.resolve("homes"), users)
                .withBind(Loopback.anyPort())
                .withFailedLoginDelay(Duration.ZERO));
    }

    private static Socket connect(FtpServer server) throws IOException {
        Socket socket = Loopback.connect(server.address().getPort());
        socket.setSoTimeout((int) Timeouts.REPLY.toMillis());
        return socket;
    }

    private static Socket loggedIn(FtpServer server) throws IOException {
        Socket control = connect(server);
        readReply(control);
        send(control, "USER alice");
        readReply(control);
        send(control, "PASS " + PASSWORD);
        assertThat(readReply(control)).as("the reply to PASS with the right password").startsWith("230 ");
        return control;
    }

    private static void send(Socket socket, String command) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One reply line without its line end, whatever the line end (CR LF or a bare LF). */
    private static String readReply(Socket socket) throws IOException {
        String line = readRawLine(socket);
        return line.endsWith("\r\n") ? line.substring(0, line.length() - 2) : line.substring(0, line.length() - 1);
    }

    private static void assertReplyLine(Socket socket, String code, String what) throws IOException {
        String line = readRawLine(socket);
        assertThat(line)
                .withFailMessage("%s should be \"%s SP text CR LF\" (RFC 959), but it ends in %s:%n  text %s%n  hex  %s",
                        what, code, line.endsWith("\r\n") ? "CR LF" : "a bare LF", line.replace("\r", "\\r").replace("\n", "\\n"),
                        HexFormat.ofDelimiter(" ").formatHex(line.getBytes(StandardCharsets.UTF_8)))
                .startsWith(code + " ").endsWith("\r\n");
    }

    /** Bytes up to and including the next LF (at most 1000, and within the reply timeout). */
    private static String readRawLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1 && line.size() < 1000; b = in.read()) {
                line.write(b);
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No complete reply line within " + Timeouts.REPLY.toMillis() + " ms; received so far: \""
                    + line.toString(StandardCharsets.UTF_8) + "\"");
        }
        throw new AssertionError("The connection ended before a complete reply line; received: \""
                + line.toString(StandardCharsets.UTF_8) + "\"");
    }
}
