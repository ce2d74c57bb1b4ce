package workbook.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;

/**
 * The shared key, in a file of 32 random bytes that both the server and the client read. The
 * first program to run makes it, and says where.
 *
 * <p>Where: {@code -Dauth.key=FILE}, else the environment variable {@code AUTH_KEY_FILE}, else
 * {@code .sockets-workbook/lesson07.key} in the user's home folder. Never inside the workbook, so
 * that it is never committed: a key in a Git repository is a key for everyone.
 */
final class KeyFile {

    /** Bytes in a new key: as long as the HMAC-SHA256 output. */
    static final int KEY_BYTES = 32;
    /** Fewer bytes than this is too easy to guess. */
    static final int MIN_KEY_BYTES = 16;
    static final String PROPERTY = "auth.key";
    static final String ENVIRONMENT = "AUTH_KEY_FILE";

    private KeyFile() {
    }

    /** Where the key file is: the property, else the environment variable, else under the home folder. */
    static Path location(Properties properties, Map<String, String> environment) {
        String chosen = properties.getProperty(PROPERTY);
        if (chosen == null || chosen.isBlank()) {
            chosen = environment.get(ENVIRONMENT);
        }
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen);
        }
        return Path.of(properties.getProperty("user.home"), ".sockets-workbook", "lesson07.key");
    }

    /**
     * Reads the key from {@code file}; if there is no such file, makes a new random key there
     * first and tells the user on {@code out}.
     *
     * @throws IOException if the file holds fewer than {@link #MIN_KEY_BYTES} bytes, or cannot be read or written
     */
    static byte[] loadOrCreate(Path file, PrintStream out) throws IOException {
        if (!Files.exists(file)) {
            create(file);
            out.println("Made a new key: " + KEY_BYTES + " random bytes in " + file.toAbsolutePath() + ".");
            out.println("Every client needs this same file; keep it secret, and never commit it.");
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length < MIN_KEY_BYTES) {
            throw new IOException("The key file " + file.toAbsolutePath() + " holds " + key.length
                    + " bytes; a key needs at least " + MIN_KEY_BYTES + ". Delete it to make a new one.");
        }
        return key;
    }

    /** Writes a new key to a temporary file beside it, then renames: no half-written key ever looks complete. */
    private static void create(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        // createTempFile makes the file readable by its owner only (rw------- on Linux and macOS).
        Path temp = Files.createTempFile(folder, ".key-", ".tmp");
        try {
            Files.write(temp, key);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE); // same folder: one rename
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
