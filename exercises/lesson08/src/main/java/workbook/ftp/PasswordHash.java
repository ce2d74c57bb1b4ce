package workbook.ftp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, slow hash of a password: what the users file keeps instead of the password.
 *
 * <pre>
 *   hash = PBKDF2-HMAC-SHA256(password, salt, iterations, 256 bits)
 * </pre>
 * The salt (random, per user) makes two users with the same password get different hashes, so one
 * precomputed table cannot crack them all. The iterations make every guess cost as much as one
 * login: 600,000 is OWASP's 2023 advice for this algorithm. The JDK has it all
 * ({@link SecretKeyFactory} "PBKDF2WithHmacSHA256"); no library is needed.
 */
final class PasswordHash {

    /** OWASP's advice for PBKDF2-HMAC-SHA256; checks pass a small count to stay fast. */
    static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    PasswordHash(int iterations, byte[] salt, byte[] hash) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        this.iterations = iterations;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    /** Hashes a new password with a fresh random salt. */
    static PasswordHash of(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /**
     * Whether {@code password} is the one that was hashed. The comparison takes as long whatever
     * the bytes: {@link MessageDigest#isEqual} does not stop at the first difference, so the time
     * an answer takes says nothing about how much of a guess was right.
     */
    boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    int iterations() {
        return iterations;
    }

    /** {@code iterations:saltBase64:hashBase64}, as the users file stores it. */
    String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
