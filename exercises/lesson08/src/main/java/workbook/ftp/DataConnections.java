package workbook.ftp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One session's data side: the passive listener that PASV or EPSV opened, used by the next
 * transfer command and then closed. Every transfer gets a new data connection, and its end
 * (the server closing it) is how the client knows the data is complete.
 */
final class DataConnections implements AutoCloseable {

    /** How long the server waits for the client to connect to the port it announced. */
    private static final Duration MAX_CONNECT_WAIT = Duration.ofSeconds(30);

    private final FtpConfig config;
    private final Socket control;
    private PassiveDataChannel passive;

    DataConnections(FtpConfig config, Socket control) {
        this.config = config;
        this.control = control;
    }

    /** PASV: listens, and answers where, as an IPv4 address and a port. */
    void pasv(ControlChannel replies) throws IOException, CommandFailed {
        InetAddress announce = config.announce() != null ? config.announce() : control.getLocalAddress();
        if (!(announce instanceof Inet4Address ipv4)) {
            throw new CommandFailed(522, "PASV can only name an IPv4 address; use EPSV.");
        }
        int port = listen();
        replies.reply(227, PassiveDataChannel.pasvText(ipv4, port));
    }

    /** EPSV: listens, and answers only the port (the client connects to the address it already uses). */
    void epsv(ControlChannel replies) throws IOException, CommandFailed {
        replies.reply(229, PassiveDataChannel.epsvText(listen()));
    }

    private int listen() throws CommandFailed {
        closePassive();
        try {
            passive = PassiveDataChannel.open(control.getLocalAddress(), config.passiveFrom(), config.passiveTo(),
                    control.getInetAddress());
            return passive.port();
        } catch (IOException e) {
            throw new CommandFailed(425, "Cannot open a passive port: " + e.getMessage());
        }
    }

    /**
     * Answers 150 and takes the client's data connection. The listener is closed either way: one
     * PASV serves one transfer.
     */
    SocketChannel open(ControlChannel replies, String what) throws IOException, CommandFailed {
        if (passive == null) {
            throw new CommandFailed(425, "Use PASV or EPSV first.");
        }
        PassiveDataChannel listener = passive;
        passive = null;
        try (listener) {
            replies.reply(150, "Opening BINARY mode data connection for " + what + ".");
            SocketChannel data;
            try {
                Duration idle = config.idleLimit();
                data = listener.accept(idle.compareTo(MAX_CONNECT_WAIT) < 0 ? idle : MAX_CONNECT_WAIT);
                data.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, idle.toMillis()));
            } catch (IOException e) {
                throw new CommandFailed(425, "Cannot open data connection: " + e.getMessage());
            }
            return data;
        }
    }

    /** Sends text lines (a listing) over a new data connection, each ending in CRLF, then closes it. */
    void sendLines(ControlChannel replies, String what, List<String> lines) throws IOException, CommandFailed {
        try (SocketChannel data = open(replies, what)) {
            OutputStream out = data.socket().getOutputStream();
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append("\r\n");
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new CommandFailed(426, "Data connection closed; listing aborted.");
        }
        replies.reply(226, "Transfer complete.");
    }

    private void closePassive() {
        if (passive != null) {
            try {
                passive.close();
            } catch (IOException e) {
                // closing: nothing more to do
            }
            passive = null;
        }
    }

    @Override
    public void close() {
        closePassive();
    }
}
