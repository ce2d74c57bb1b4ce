package workbook.upload;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a file name sent by a client may become a file in the upload directory.
 *
 * <p>The name comes from the network, so it is hostile until checked. The seed's server did
 * {@code open(real_dic.get('file_name'), 'wb')}: a client naming its file {@code ../../.bashrc}
 * or {@code /etc/cron.d/x} wrote wherever the server's user may write. Only a plain, portable
 * file name passes:
 * <pre>
 *   accepted   hello.txt   你好.txt   movie 2019.mp4
 *   refused    ""  "."  ".."  ../x  a/../../b  /etc/x  C:\x  a\b  .hidden
 *              "x\n"  "x "  CON.txt  (and anything over 255 bytes)
 * </pre>
 * The rules are the same on every operating system, so a name that is safe on Linux is not a
 * surprise on Windows ({@code C:} a drive, {@code \} a separator, {@code CON} a device).
 */
public final class SafeFileName {

    /** Most file systems allow 255 bytes in one name. */
    static final int MAX_BYTES = 255;
    /** Characters Windows forbids in names; '/' and '\\' are separators everywhere. */
    private static final String FORBIDDEN = "/\\:*?\"<>|";
    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeFileName() {
    }

    /**
     * Returns {@code name} unchanged if it is a plain file name, or says why not.
     *
     * @throws RefusedException naming the rule the name breaks
     */
    // tag::starter-check[]
    public static String check(String name) throws RefusedException {
        // TODO(step 4): Every name passes, as in the seed, so "../x" or
        //  "/etc/x" would be written outside the upload directory. Let
        //  only a plain, portable file name through (see the examples
        //  above), and refuse the rest with a reason that names it.
        return name;
    }
    // end::starter-check[]

    /**
     * The path where an upload named {@code name} is saved: {@code directory/name}, after
     * {@link #check}.
     */
    // tag::starter-resolve[]
    public static Path resolve(Path directory, String name)
            throws RefusedException {
        String plain = check(name);
        try {
            return directory.resolve(plain);
        } catch (InvalidPathException e) { // e.g. 你 under a C locale
            throw refused(name, "cannot be stored here: " + e.getReason());
        }
    }
    // end::starter-resolve[]

    private static RefusedException refused(String name, String why) {
        return new RefusedException("the file name " + quoted(name) + " " + why);
    }

    /** The name in quotes, with control characters shown as \\uXXXX so a log line stays one line. */
    static String quoted(String name) {
        StringBuilder s = new StringBuilder("\"");
        name.chars().limit(80).forEach(c -> s.append(Character.isISOControl(c)
                ? String.format(Locale.ROOT, "\\u%04x", c) : String.valueOf((char) c)));
        return s.append(name.length() > 80 ? "...\"" : "\"").toString();
    }
}
