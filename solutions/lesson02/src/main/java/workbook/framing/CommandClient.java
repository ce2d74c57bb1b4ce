package workbook.framing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The interactive client for {@link CommandServer}: reads a command at the {@code >>: } prompt, sends it
 * as one frame, prints the whole output that comes back.
 *
 * <pre>
 *   >>: size big.txt
 *   1048576
 *   >>: cat big.txt
 *   big.txt line 00001 of 16384: abcdefghijklmnopqrstuvwxyz01234567
 *   ... (all 16384 lines, and nothing of them left over for the next command)
 *   >>:            (Ctrl-D ends the input, and the client hangs up)
 * </pre>
 */
public final class CommandClient {

    static final String PROMPT = ">>: ";
    /** The longest reply accepted: every output of {@link Commands} fits, with room to spare. */
    static final int MAX_REPLY_LENGTH = 2 * Commands.MAX_OUTPUT;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private CommandClient() {
    }

    /**
     * Talks to the server at {@code server} until the keyboard input ends.
     *
     * @return the exit code: 0 after the input ended, 1 if the connection was lost or a reply was bad,
     *         2 if the connection could not be made
     */
    public static int run(InputStream keyboard, PrintStream out, PrintStream err, InetSocketAddress server) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.connect(server, CONNECT_TIMEOUT_MS);
            FrameWriter requests = new FrameWriter(socket.getOutputStream());
            FrameReader replies = new FrameReader(socket.getInputStream(), MAX_REPLY_LENGTH);
            // tag::client-loop[]
            while (true) {
                out.print(PROMPT);
                out.flush();
                String line = lines.readLine();
                if (line == null) {
                    out.println();
                    return 0; // input ended: hang up politely
                }
                String command = line.strip();
                if (command.isEmpty()) {
                    continue;
                }
                requests.writeFrame(command.getBytes(StandardCharsets.UTF_8));
                // A reply ends where its length says, not where
                // one read() happens to stop.
                Optional<byte[]> reply = replies.readFrame();
                if (reply.isEmpty()) {
                    err.println("The server closed the connection.");
                    return 1;
                }
                print(out, reply.get());
            }
            // end::client-loop[]
        } catch (TruncatedFrameException e) {
            err.println("The reply was cut short, so it is not shown: " + e.getMessage());
            return 1;
        } catch (FramingException e) {
            err.println("The server broke the protocol: " + e.getMessage());
            return 1;
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

    /** Prints an output as it is, ending it with a new line if it has none (an empty output prints nothing). */
    static void print(PrintStream out, byte[] output) {
        out.write(output, 0, output.length);
        if (output.length > 0 && output[output.length - 1] != '\n') {
            out.println();
        }
        out.flush();
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
