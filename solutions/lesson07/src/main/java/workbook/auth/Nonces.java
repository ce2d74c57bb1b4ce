package workbook.auth;

import java.security.SecureRandom;

/**
 * Fresh challenges: every connection gets a nonce ("number used once") nobody has seen before
 * and nobody can guess, like Python's {@code os.urandom(32)}.
 */
final class Nonces {

    // tag::nonce[]
    // SecureRandom draws on the operating system's
    // generator (like os.urandom): unpredictable even to
    // someone who has seen every earlier nonce.
    private static final SecureRandom RANDOM = new SecureRandom();

    static byte[] fresh() {
        byte[] nonce = new byte[Handshake.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }
    // end::nonce[]

    private Nonces() {
    }
}
