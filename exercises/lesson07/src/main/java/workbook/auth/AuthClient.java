package workbook.auth;

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
 * The interactive client for {@link AuthServer}: proves it knows the key, makes the server prove
 * it too, then reads lines at the {@code >>: } prompt and prints the replies (lesson 01).
 *
 * <pre>
 *   Connected to 127.0.0.1:8080: both sides proved they know the key.
 *   >>: hello
 *   HELLO
 *   >>:            (Ctrl-D ends the input, and the client hangs up)
 * </pre>
 */
public final class AuthClient {

    static final String PROMPT = ">>: ";
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** How long we wait for a silent server during the handshake. */
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;

    private AuthClient() {
    }

    /**
     * Authenticates, then talks to the server until the keyboard input ends.
     *
     * @return the exit code: 0 after the input ended, 1 if the handshake failed or the connection
     *         was lost, 2 if it could not be made
     */
    public static int run(InputStream keyboard, PrintStream out, PrintStream err, InetSocketAddress server,
            byte[] key) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.connect(server, CONNECT_TIMEOUT_MS);
            InputStream fromServer = socket.getInputStream();
            OutputStream toServer = socket.getOutputStream();
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            authenticate(fromServer, toServer, key);
            socket.setSoTimeout(0);
            out.println("Connected to " + show(server) + ": both sides proved they know the key.");
            while (true) {
                out.print(PROMPT);
                out.flush();
                String line = lines.readLine();
                if (line == null) {
                    out.println();
                    return 0; // input ended: hang up politely
                }
                byte[] message = line.strip().getBytes(StandardCharsets.UTF_8);
                if (message.length == 0) {
                    continue; // zero bytes would never get a reply (lesson 01)
                }
                toServer.write(message);
                // The upper-cased reply is exactly as long as the message: wait for all of it.
                byte[] reply = Handshake.readExactly(fromServer, message.length, "the reply");
                out.write(reply);
                out.println();
            }
        } catch (AuthException e) {
            err.println(e.getMessage());
            return 1;
        } catch (ConnectException e) {
            err.println("Could not connect to " + show(server) + ": " + e.getMessage() + ". Is the server running?");
            return 2;
        } catch (UnknownHostException e) {
            err.println("Unknown host: " + server.getHostString());
            return 2;
        } catch (IOException e) {
            err.println("Lost the connection to " + show(server) + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * The client's side of the handshake (see {@link Handshake}): answer the challenge, then
     * check the server's own proof. Returns normally only if both sides proved they know the key.
     *
     * @throws AuthException if the server refused us, or could not prove it knows the key
     */
    static void authenticate(InputStream in, OutputStream out, byte[] key) throws IOException, AuthException {
        byte[] challenge = Handshake.readExactly(in, Handshake.NONCE_BYTES, "the server's challenge");
        byte[] ourNonce = Nonces.fresh();
        // One write: our proof, then our own challenge for the server.
        out.write(Handshake.concat(Handshake.clientProof(key, challenge), ourNonce));
        out.flush();
        String verdict = Handshake.readLine(in, "the server's verdict");
        if (verdict.startsWith(Handshake.DENIED)) {
            throw new AuthException("The server refused us: " + verdict.substring(Handshake.DENIED.length()));
        }
        if (!verdict.equals(Handshake.OK)) {
            throw new AuthException("The server sent \"" + verdict + "\" instead of a verdict: it does not speak "
                    + "this protocol.");
        }
        byte[] theirProof = Handshake.readExactly(in, Handshake.PROOF_BYTES, "the server's proof");
        // TODO(step 5): The client reads the server's proof and
        //  never looks at it: any impostor that says "OK" gets the
        //  user's messages. Hang up on a server whose proof is
        //  wrong, and tell the user why.
    }

    private static String show(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /**
     * Runs the client on the terminal, with the key from {@link KeyFile#location} (made on first run).
     *
     * @param args optional: a port (default 8080), then a host (default 127.0.0.1)
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        byte[] key = KeyFile.loadOrCreate(KeyFile.location(System.getProperties(), System.getenv()), System.out);
        System.exit(run(System.in, System.out, System.err, new InetSocketAddress(host, port), key));
    }
}
