package workbook.ftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users file: one line per user, and never a password in it.
 *
 * <pre>
 *   name:quotaBytes:iterations:saltBase64:hashBase64
 *   alice:10485760:600000:3q2+7w...==:Vv1w...=
 * </pre>
 * The server reads it at every login, so a user added while it runs can log in at once.
 */
public final class Users {

    /** A user's name becomes a directory name: keep it to letters, digits, '.', '_' and '-'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}");

    /** One line of the file. */
    record Account(String name, long quotaBytes, PasswordHash password) {
    }

    private Users() {
    }

    /** Adds (or replaces) a user, hashed with {@value PasswordHash#DEFAULT_ITERATIONS} PBKDF2 iterations. */
    public static void add(Path usersFile, String name, char[] password, long quotaBytes) throws IOException {
        add(usersFile, name, password, quotaBytes, PasswordHash.DEFAULT_ITERATIONS);
    }

    /**
     * Adds (or replaces) a user with a chosen iteration count (checks use 1,000 to stay fast).
     * Synchronized: two threads adding users at once must not both rewrite the file from the same
     * old copy and lose one user. (Two processes at once still could: add users one at a time.)
     */
    public static synchronized void add(Path usersFile, String name, char[] password, long quotaBytes, int iterations)
            throws IOException {
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(password, "password");
        if (name == null || !isValidName(name)) {
            throw new IllegalArgumentException("a user name is 1-32 letters, digits, '.', '_' or '-': " + name);
        }
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quotaBytes must not be negative: " + quotaBytes);
        }
        String line = name + ":" + quotaBytes + ":" + PasswordHash.of(password, iterations).encode();
        List<String> lines = new ArrayList<>();
        for (String old : readLines(usersFile)) {
            if (!old.startsWith(name + ":")) {
                lines.add(old);
            }
        }
        lines.add(line);
        replace(usersFile, lines);
    }

    /** The user with this name, if the file has one (a malformed line counts as no user). */
    static Optional<Account> find(Path usersFile, String name) throws IOException {
        for (String line : readLines(usersFile)) {
            String[] f = line.split(":", -1);
            if (f.length == 5 && f[0].equals(name)) {
                return parse(f);
            }
        }
        return Optional.empty();
    }

    /** The iteration count of the file's first user: what a login for an unknown name should cost too. */
    static int typicalIterations(Path usersFile) throws IOException {
        for (String line : readLines(usersFile)) {
            String[] f = line.split(":", -1);
            Optional<Account> account = f.length == 5 ? parse(f) : Optional.empty();
            if (account.isPresent()) {
                return account.get().password().iterations();
            }
        }
        return PasswordHash.DEFAULT_ITERATIONS;
    }

    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    private static Optional<Account> parse(String[] f) {
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            PasswordHash hash = new PasswordHash(Integer.parseInt(f[2]), b64.decode(f[3]), b64.decode(f[4]));
            long quota = Long.parseLong(f[1]);
            return quota < 0 ? Optional.empty() : Optional.of(new Account(f[0], quota, hash));
        } catch (IllegalArgumentException e) { // a bad number or bad Base64: not a user
            return Optional.empty();
        }
    }

    private static List<String> readLines(Path usersFile) throws IOException {
        try {
            return Files.readAllLines(usersFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Writes a new file beside the old one and renames it: a crash leaves the old file or the new, never half. */
    private static void replace(Path usersFile, List<String> lines) throws IOException {
        Path absolute = usersFile.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), ".users-", ".tmp");
        try {
            Files.write(temp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
