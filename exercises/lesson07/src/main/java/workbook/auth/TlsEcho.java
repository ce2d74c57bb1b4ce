package workbook.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Going further: lesson 01's upper-case echo over TLS, where every byte is encrypted and
 * authenticated, not only the start of the connection.
 *
 * <p>The server's key pair and certificate are made at run time by the JDK's own
 * {@code keytool}, in a temporary folder deleted afterwards: no key is ever committed. The
 * client trusts exactly that one certificate (not the public certificate authorities) and
 * checks that it was issued for 127.0.0.1, as a browser checks a site's name.
 */
public final class TlsEcho {

    private TlsEcho() {
    }

    /** Makes a throwaway key pair and a self-signed certificate for 127.0.0.1 in {@code folder}, with keytool. */
    static Path makeKeyStore(Path folder, char[] password) throws IOException, InterruptedException {
        Path store = folder.resolve("tls-echo.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "echo",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(password))
                .redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool could not make a key: " + said.strip());
        }
        return store;
    }

    /** A TLS context with the store's key, trusting exactly the store's certificate. */
    // tag::context[]
    static SSLContext context(Path store, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory ours = KeyManagerFactory.getInstance(
                KeyManagerFactory.getDefaultAlgorithm());
        ours.init(keys, password);
        TrustManagerFactory trusted = TrustManagerFactory
                .getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(keys); // trust this one certificate only
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(ours.getKeyManagers(), trusted.getTrustManagers(), null);
        return tls;
    }
    // end::context[]

    /** Listens on {@code address} (port 0: any free port) for TLS connections. */
    static SSLServerSocket listen(SSLContext tls, InetSocketAddress address) throws IOException {
        SSLServerSocket listener = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        listener.bind(address);
        return listener;
    }

    /** Serves one client with lesson 01's communication loop; the TLS handshake happens on the first read. */
    // tag::serve[]
    static void serveOne(SSLServerSocket listener) throws IOException {
        try (SSLSocket client = (SSLSocket) listener.accept()) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                AsciiUpper.upperCaseInPlace(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
    }
    // end::serve[]

    /** Connects over TLS, checks the server's certificate (name included), sends one message, returns the reply. */
    static String roundTrip(SSLContext tls, InetSocketAddress server, String message) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(server, 5_000);
            socket.setSoTimeout(5_000);
            SSLParameters checks = socket.getSSLParameters();
            checks.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name 127.0.0.1
            socket.setSSLParameters(checks);
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(bytes);
            byte[] reply = Handshake.readExactly(socket.getInputStream(), bytes.length, "the reply");
            return new String(reply, StandardCharsets.UTF_8) + " (" + socket.getSession().getProtocol() + ", "
                    + socket.getSession().getCipherSuite() + ")";
        }
    }

    /** Makes a key, serves one TLS client on loopback, plays that client, and deletes the key. */
    public static void main(String[] args) throws Exception {
        char[] password = "throwaway".toCharArray();
        Path folder = Files.createTempDirectory("tls-echo-");
        try {
            SSLContext tls = context(makeKeyStore(folder, password), password);
            try (SSLServerSocket listener = listen(tls, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                Thread server = new Thread(() -> {
                    try {
                        serveOne(listener);
                    } catch (IOException e) {
                        System.err.println("The server stopped: " + e.getMessage());
                    }
                });
                server.start();
                System.out.println("reply: " + roundTrip(tls, (InetSocketAddress) listener.getLocalSocketAddress(),
                        "hello over tls"));
                server.join();
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
