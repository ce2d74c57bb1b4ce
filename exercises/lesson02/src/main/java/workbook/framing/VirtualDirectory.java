package workbook.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The only "disk" the command server can see: five files held in memory, never the real file system.
 *
 * <pre>
 *   big.txt       1048576 bytes   16384 numbered lines of 64 bytes (generated)
 *   empty.txt           0 bytes   (shipped)
 *   numbers.txt     48894 bytes   1 to 10000, one per line (generated)
 *   poem.txt          266 bytes   UTF-8, Chinese and English (shipped)
 *   readme.txt        509 bytes   (shipped)
 * </pre>
 * The shipped files are resources next to this class ({@code sandbox/}); the generated ones
 * are the same on every run, so the checks know every byte. A name is only ever a key in
 * this map: {@code ../../etc/passwd} is simply a file that does not exist.
 */
final class VirtualDirectory {

    /** The largest file, and so the largest output of any command: 1 MiB. */
    static final int BIG_SIZE = 1 << 20;
    private static final String[] SHIPPED = {"readme.txt", "poem.txt", "empty.txt"};

    private static final VirtualDirectory STANDARD = new VirtualDirectory();

    private final Map<String, byte[]> files = new TreeMap<>();

    private VirtualDirectory() {
        for (String name : SHIPPED) {
            files.put(name, resource(name));
        }
        files.put("numbers.txt", numbers(10_000));
        files.put("big.txt", bigFile());
    }

    /** The lesson's directory (built once; it never changes). */
    static VirtualDirectory standard() {
        return STANDARD;
    }

    /** A copy of the file's bytes, or empty if there is no such file. */
    Optional<byte[]> read(String name) {
        return Optional.ofNullable(files.get(name)).map(byte[]::clone);
    }

    /** File names and sizes, in name order. */
    Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        files.forEach((name, bytes) -> sizes.put(name, bytes.length));
        return Collections.unmodifiableMap(sizes);
    }

    private static byte[] resource(String name) {
        try (InputStream in = VirtualDirectory.class.getResourceAsStream("sandbox/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The lesson's file sandbox/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] numbers(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            s.append(i).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** 16384 lines of exactly 64 bytes, numbered, so a leaked piece shows where it came from. */
    private static byte[] bigFile() {
        String filler = "abcdefghijklmnopqrstuvwxyz0123456789";
        int lines = BIG_SIZE / 64;
        StringBuilder s = new StringBuilder(BIG_SIZE);
        for (int i = 1; i <= lines; i++) {
            String start = String.format("big.txt line %05d of %d: ", i, lines);
            s.append(start).append(filler, 0, 63 - start.length()).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
