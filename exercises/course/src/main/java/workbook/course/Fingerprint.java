package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 over a set of files (their paths and contents, line endings normalised), so that a
 * teacher can tell at a glance whether a student's checks are the ones the workbook shipped.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** The fingerprint of a lesson's checks: its test sources, test resources and POM. */
    public static String ofChecks(Path lessonDir) throws IOException {
        return of(lessonDir, List.of("src/test", "pom.xml"));
    }

    /** The fingerprint of what every lesson's checks rely on: the testkit and the build files. */
    public static String ofSharedMachinery(Path repository) throws IOException {
        return of(repository, List.of("exercises/testkit/src", "exercises/testkit/pom.xml", "exercises/pom.xml",
                "pom.xml", ".mvn"));
    }

    /** The fingerprint of the given files and folders (relative to {@code root}; missing ones count as missing). */
    public static String of(Path root, List<String> parts) throws IOException {
        MessageDigest sha = sha256();
        for (String part : parts) {
            Path start = root.resolve(part);
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(start)) {
                try (Stream<Path> walk = Files.walk(start)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(start)) {
                files.add(start);
            } else {
                sha.update(("missing:" + part + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Path file : files) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                sha.update((relative + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(normalised(Files.readAllBytes(file)));
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** CRLF turned into LF, so that a checkout on Windows has the same fingerprint. */
    private static byte[] normalised(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
