package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

    @TempDir
    Path a;

    @TempDir
    Path b;

    @Test
    void theSameChecksHaveTheSameFingerprintWhateverTheLineEndings() throws Exception {
        Files.createDirectories(a.resolve("src/test"));
        Files.createDirectories(b.resolve("src/test"));
        Files.writeString(a.resolve("src/test/Check.java"), "class Check {\n}\n");
        Files.writeString(b.resolve("src/test/Check.java"), "class Check {\r\n}\r\n");
        assertThat(Fingerprint.of(a, List.of("src/test"))).isEqualTo(Fingerprint.of(b, List.of("src/test")));
    }

    @Test
    void anyChangeToAFileOrItsNameChangesTheFingerprint() throws Exception {
        Files.createDirectories(a.resolve("src/test"));
        Files.writeString(a.resolve("src/test/Check.java"), "assertThat(x).isTrue();\n");
        String before = Fingerprint.of(a, List.of("src/test"));
        Files.writeString(a.resolve("src/test/Check.java"), "// assertThat(x).isTrue();\n");
        String edited = Fingerprint.of(a, List.of("src/test"));
        Files.move(a.resolve("src/test/Check.java"), a.resolve("src/test/Renamed.java"));
        assertThat(edited).isNotEqualTo(before).isNotEqualTo(Fingerprint.of(a, List.of("src/test")));
    }

    @Test
    void aMissingPartCounts() throws Exception {
        assertThat(Fingerprint.of(a, List.of("pom.xml"))).isNotEqualTo(Fingerprint.of(a, List.of("other.xml")));
    }
}
