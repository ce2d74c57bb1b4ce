package workbook.auth;

import java.util.Random;

/**
 * Fresh challenges: every connection gets a nonce ("number used once") nobody has seen before
 * and nobody can guess, like Python's {@code os.urandom(32)}.
 */
final class Nonces {

    // tag::starter-nonce[]
    static byte[] fresh() {
        // TODO(step 2): The same seed gives the same "random"
        //  bytes on every connection, so an answer recorded once
        //  is right for ever. Every nonce must be new, and
        //  impossible to guess from the ones seen before.
        byte[] nonce = new byte[Handshake.NONCE_BYTES];
        new Random(2026).nextBytes(nonce);
        return nonce;
    }
    // end::starter-nonce[]

    private Nonces() {
    }
}
