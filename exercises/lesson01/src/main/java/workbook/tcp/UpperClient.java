package workbook.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The interactive client for {@link UpperServer}: reads a line at the {@code >>: } prompt, sends it,
 * prints the reply.
 *
 * <pre>
 *   >>: hello
 *   HELLO
 *   >>:            (Ctrl-D ends the input, and the client hangs up)
 * </pre>
 * It reads each reply with a single {@code read()}, which is good enough for short lines on one
 * machine and wrong in general: lesson 02 shows why, and fixes it.
 */
public final class UpperClient {

    static final String PROMPT = ">>: ";
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private UpperClient() {
    }

    /**
     * Talks to the server at {@code server} until the keyboard input ends.
     *
     * @return the exit code: 0 after the input ended, 1 if the connection was lost, 2 if it could not be made
     */
    public static int run(InputStream keyboard, PrintStream out, PrintStream err, InetSocketAddress server) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.connect(server, CONNECT_TIMEOUT_MS);
            InputStream fromServer = socket.getInputStream();
            OutputStream toServer = socket.getOutputStream();
            byte[] buffer = new byte[1024];
            // tag::client-loop[]
            while (true) {
                out.print(PROMPT);
                out.flush();
                String line = lines.readLine();
                if (line == null) {
                    out.println();
                    return 0; // input ended: hang up politely
                }
                String message = line.strip();
                // TODO(step 6): What does the server receive when the message is empty,
                //  and what does this client wait for afterwards? Make an empty line
                //  simply ask again.
                toServer.write(message.getBytes(StandardCharsets.UTF_8));
                int n = fromServer.read(buffer);
                if (n == -1) {
                    err.println("The server closed the connection.");
                    return 1;
                }
                out.write(buffer, 0, n);
                out.println();
            }
            // end::client-loop[]
        } catch (ConnectException e) {
            err.println("Could not connect to " + show(server) + ": " + describe(e) + ". Is the server running?");
            return 2;
        } catch (UnknownHostException e) {
            err.println("Unknown host: " + server.getHostString());
            return 2;
        } catch (IOException e) {
            err.println("Lost the connection to " + show(server) + ": " + describe(e));
            return 1;
        }
    }

    /** What went wrong, for the user: the exception's message, or its kind if it has none (never "null"). */
    static String describe(IOException e) {
        String message = e.getMessage();
        return message != null ? message : e.getClass().getSimpleName();
    }

    private static String show(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /**
     * Runs the client on the terminal.
     *
     * @param args optional: a port (default 8080), then a host (default 127.0.0.1)
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        System.exit(run(System.in, System.out, System.err, new InetSocketAddress(host, port)));
    }
}
