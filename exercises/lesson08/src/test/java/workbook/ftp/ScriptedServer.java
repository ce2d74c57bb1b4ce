package workbook.ftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import workbook.testkit.TestServer;

/**
 * A fake FTP server that answers from a script, byte for byte: replies real servers send only
 * sometimes (multi-line, bare LF, odd quoting), and replies no server should send.
 */
final class ScriptedServer implements FtpPeer {

    /** The script's answer that makes the server hang up instead of replying. */
    static final String HANG_UP = "(hang up)";

    private final TestServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    /**
     * @param greeting the bytes sent first, line ends included
     * @param script   the reply for a command line, looked up by the whole line, then by its verb ("PWD");
     *                 a command not in it gets "502 Not scripted"
     */
    ScriptedServer(String greeting, Map<String, String> script) throws IOException {
        server = TestServer.start("scripted FTP server", connection -> {
            OutputStream out = connection.out();
            out.write(greeting.getBytes(StandardCharsets.UTF_8));
            for (String line = readLine(connection.in()); line != null; line = readLine(connection.in())) {
                received.add(line);
                String verb = line.split(" ", 2)[0];
                String reply = script.getOrDefault(line, script.getOrDefault(verb, "502 Not scripted\r\n"));
                if (reply.equals(HANG_UP)) {
                    return;
                }
                out.write(reply.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    @Override
    public String name() {
        return "a scripted FTP server";
    }

    @Override
    public int port() {
        return server.port();
    }

    /** Not used: this server has no files. */
    @Override
    public Path home() {
        throw new UnsupportedOperationException("a scripted server has no files");
    }

    /** The command lines the client sent, without their CRLF. */
    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.close();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
