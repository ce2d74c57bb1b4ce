package workbook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.Timeouts;

/** Going further: lesson 01's echo over TLS, watched by the same eavesdropper as step 1. */
@LessonChecks
@DisplayName("Lesson 07 · TlsEcho (step 6, going further)")
class TlsEchoTest {

    private static final char[] PASSWORD = "for-these-checks".toCharArray();
    private static SSLContext server;
    private static SSLContext stranger;

    /** Two throwaway keys, made once: keytool starts a JVM of its own, which takes seconds on a busy machine. */
    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void makeKeys(@TempDir Path dir) throws Exception {
        server = TlsEcho.context(TlsEcho.makeKeyStore(Files.createDirectory(dir.resolve("server")), PASSWORD), PASSWORD);
        stranger = TlsEcho.context(TlsEcho.makeKeyStore(Files.createDirectory(dir.resolve("stranger")), PASSWORD),
                PASSWORD);
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: over TLS the echo still works, and the eavesdropper sees neither the message nor the reply")
    void echoOverTlsHidesTheBytes() throws Exception {
        try (SSLServerSocket listener = TlsEcho.listen(server, Loopback.anyPort());
                WireTap tap = WireTap.start(listener.getLocalPort())) {
            Thread serving = serveOne(listener);
            String reply = TlsEcho.roundTrip(server, Loopback.address(tap.port()), "hello over tls");
            assertThat(reply).as("the reply over TLS, with the protocol and cipher suite")
                    .startsWith("HELLO OVER TLS (TLSv1.");
            serving.join(Timeouts.SHUTDOWN.toMillis());
            assertThat(new String(tap.toServer(), StandardCharsets.ISO_8859_1)).as("the bytes on the wire to the server")
                    .isNotEmpty().doesNotContain("hello over tls");
            assertThat(new String(tap.toClient(), StandardCharsets.ISO_8859_1)).as("the bytes on the wire to the client")
                    .isNotEmpty().doesNotContain("HELLO OVER TLS");
        }
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: a client that does not trust the server's certificate gets no connection")
    void untrustedCertificateIsRefused() throws Exception {
        try (SSLServerSocket listener = TlsEcho.listen(server, Loopback.anyPort())) {
            Thread serving = serveOne(listener);
            InetSocketAddress address = (InetSocketAddress) listener.getLocalSocketAddress();
            assertThatThrownBy(() -> TlsEcho.roundTrip(stranger, address, "hello"))
                    .as("a client that trusts another certificate").isInstanceOf(SSLException.class);
            serving.join(Timeouts.SHUTDOWN.toMillis());
        }
    }

    private static Thread serveOne(SSLServerSocket listener) {
        Thread serving = new Thread(() -> {
            try {
                TlsEcho.serveOne(listener);
            } catch (IOException e) {
                // a refused handshake ends here; the check's assertions say what went wrong
            }
        }, "tls-echo-server");
        serving.setDaemon(true);
        serving.start();
        return serving;
    }
}
