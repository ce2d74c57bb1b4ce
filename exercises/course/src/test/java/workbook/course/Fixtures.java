package workbook.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Builds small workbook checkouts in a temporary folder for the course tools' tests, with Surefire
 * reports recorded from real runs of lesson 01: {@code fixtures/starter-run} (the starter: 14
 * checks, 6 failing: one in step 6, five in steps 3 to 5) and {@code fixtures/solution-run}
 * (all 14 passing).
 */
final class Fixtures {

    static final String STEP_3 = "Step 3: three clients, one after another, are all served";

    private Fixtures() {
    }

    /**
     * exercises/{id} with a POM named "Lesson NN - title", the hints of {@code fixtures/hints.md} (ladders for
     * steps 3 and 6, and one for step 6 in UpperClientTest only), and the reports of {@code run} (or none).
     */
    static Path lesson(Path workbook, String id, String title, String run) {
        try {
            Path dir = workbook.resolve("exercises").resolve(id);
            Files.createDirectories(dir.resolve("src/test/resources"));
            Files.writeString(dir.resolve("pom.xml"), "<project><name>Lesson " + id.substring(6) + " - " + title
                    + "</name></project>\n");
            Files.copy(resource("fixtures/hints.md"), dir.resolve("src/test/resources/hints.md"),
                    StandardCopyOption.REPLACE_EXISTING);
            if (run != null) {
                Path reports = Files.createDirectories(dir.resolve("target/surefire-reports"));
                try (Stream<Path> xml = Files.list(resource("fixtures/" + run))) {
                    for (Path file : xml.toList()) {
                        Files.copy(file, reports.resolve(file.getFileName()));
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a check source file into a lesson. */
    static void checks(Path lessonDir, String fileName, String source) throws IOException {
        Path file = lessonDir.resolve("src/test/java/workbook/tcp").resolve(fileName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
