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
    // tag::check[]
    public static String check(String name) throws RefusedException {
        if (name == null || name.isEmpty()) {
            throw new RefusedException("the file name is empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw refused(name, "is longer than " + MAX_BYTES + " bytes");
        }
        for (char c : name.toCharArray()) {
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw refused(name, "contains '" + c + "': a file name,"
                        + " not a path (no separator, no drive)");
            }
            if (Character.isISOControl(c)) {
                throw refused(name, "contains a control character");
            }
        }
        if (name.startsWith(".")) { // ".", "..", and hidden files
            throw refused(name, "starts with a dot");
        }
        if (name.endsWith(" ") || name.endsWith(".")) {
            throw refused(name, "ends with a space or a dot");
        }
        String stem = name.split("\\.", 2)[0].strip();
        if (WINDOWS_DEVICES.contains(stem.toUpperCase(Locale.ROOT))) {
            throw refused(name, "is a Windows device name");
        }
        return name;
    }
    // end::check[]

    /**
     * The path where an upload named {@code name} is saved: {@code directory/name}, after
     * {@link #check}. Also verifies that the result really is a direct child of the directory,
     * so that a mistake in {@code check} can never become a file outside it.
     */
    // tag::resolve[]
    public static Path resolve(Path directory, String name)
            throws RefusedException {
        String plain = check(name);
        Path target;
        try {
            target = directory.resolve(plain);
        } catch (InvalidPathException e) { // e.g. 你 under a C locale
            throw refused(name, "cannot be stored here: " + e.getReason());
        }
        // tag::slide-contain[]
        Path parent = target.normalize().getParent();
        if (parent == null
                || !parent.equals(directory.normalize())) {
            throw refused(name, "leads out of the directory");
        }
        // end::slide-contain[]
        return target;
    }
    // end::resolve[]

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
