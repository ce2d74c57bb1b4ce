package workbook.ftp;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.CharacterCodingException;

import workbook.socketserver.RequestHandler;

/**
 * One client's control connection, from the greeting to QUIT, on its own thread (lesson 05's
 * framework makes a new handler for every connection, so the fields here are this client's alone).
 *
 * <pre>
 *   220 greeting
 *   loop: read a line ──▶ Commands.execute ──▶ one reply
 *         a line too long: 500      not UTF-8: 501      no line for the idle limit: 421, end
 * </pre>
 */
final class FtpSession extends RequestHandler<Socket> {

    private final FtpConfig config;

    FtpSession(FtpConfig config) {
        this.config = config;
    }

    @Override
    protected void handle() throws IOException {
        Socket socket = request();
        // The idle limit is a read timeout: a client that sends nothing for that long is gone or
        // forgotten, and its session would otherwise hold a thread and a socket forever.
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleLimit().toMillis()));
        ControlChannel control = new ControlChannel(socket.getInputStream(), socket.getOutputStream(),
                config.maxLineLength());
        try (Commands commands = new Commands(config, socket, control)) {
            control.reply(220, "Workbook FTP server ready.");
            boolean goOn = true;
            while (goOn) {
                String line;
                try {
                    line = control.readLine();
                } catch (ControlChannel.LineTooLong e) {
                    control.reply(500, "Command line too long: the limit is " + config.maxLineLength() + " bytes.");
                    continue;
                } catch (CharacterCodingException e) {
                    control.reply(501, "Command line is not valid UTF-8.");
                    continue;
                } catch (SocketTimeoutException e) {
                    control.reply(421, "Timeout: no command for " + config.idleLimit().toSeconds()
                            + " s; closing the connection.");
                    return;
                }
                if (line == null) {
                    return; // the client closed the connection without QUIT
                }
                goOn = commands.execute(line);
            }
        }
    }
}
