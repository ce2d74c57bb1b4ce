package workbook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.LessonChecks;

/** The checks for KeyFile, in a temporary folder (never the real one in your home folder). */
@LessonChecks
@DisplayName("Lesson 07 · KeyFile (step 1)")
class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the first run makes a key of 32 random bytes and says where; later runs read the same key")
    void makesAKeyOnceThenReadsIt() throws IOException {
        Path file = dir.resolve("keys/lesson07.key");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        byte[] key = KeyFile.loadOrCreate(file, new PrintStream(said, true, StandardCharsets.UTF_8));
        assertThat(key).as("the new key").hasSize(32);
        assertThat(Files.readAllBytes(file)).as("the key file's bytes").isEqualTo(key);
        assertThat(said.toString(StandardCharsets.UTF_8)).as("what the first run said")
                .contains(file.toAbsolutePath().toString()).contains("new key").contains("never commit");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.toList()).as("the folder holds the key file and nothing else").containsExactly(file);
        }
        ByteArrayOutputStream saidAgain = new ByteArrayOutputStream();
        assertThat(KeyFile.loadOrCreate(file, new PrintStream(saidAgain, true, StandardCharsets.UTF_8)))
                .as("the key read on the second run").isEqualTo(key);
        assertThat(saidAgain.size()).as("bytes printed on the second run (it made nothing)").isZero();
        byte[] other = KeyFile.loadOrCreate(dir.resolve("other.key"), new PrintStream(new ByteArrayOutputStream()));
        assertThat(other).as("a second new key, elsewhere, must differ from the first").isNotEqualTo(key);
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a key file of fewer than 16 bytes is refused, saying how long it is")
    void refusesAShortKey() throws IOException {
        Path file = dir.resolve("short.key");
        Files.write(file, new byte[15]);
        assertThatThrownBy(() -> KeyFile.loadOrCreate(file, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IOException.class).hasMessageContaining("15").hasMessageContaining("16");
        Files.write(file, new byte[16]);
        assertThat(KeyFile.loadOrCreate(file, new PrintStream(new ByteArrayOutputStream()))).hasSize(16);
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the key file is where -Dauth.key or AUTH_KEY_FILE say, else in the home folder")
    void location() {
        Properties props = new Properties();
        props.setProperty("user.home", dir.toString());
        assertThat(KeyFile.location(props, Map.of())).as("with neither set")
                .isEqualTo(dir.resolve(".sockets-workbook").resolve("lesson07.key"));
        assertThat(KeyFile.location(props, Map.of("AUTH_KEY_FILE", "from-env.key"))).as("with AUTH_KEY_FILE")
                .isEqualTo(Path.of("from-env.key"));
        assertThat(KeyFile.location(props, Map.of("AUTH_KEY_FILE", " "))).as("with a blank AUTH_KEY_FILE")
                .isEqualTo(dir.resolve(".sockets-workbook").resolve("lesson07.key"));
        props.setProperty("auth.key", "from-property.key");
        assertThat(KeyFile.location(props, Map.of("AUTH_KEY_FILE", "from-env.key"))).as("with both set")
                .isEqualTo(Path.of("from-property.key"));
        props.setProperty("auth.key", "");
        assertThat(KeyFile.location(props, Map.of("AUTH_KEY_FILE", "from-env.key"))).as("with an empty -Dauth.key")
                .isEqualTo(Path.of("from-env.key"));
    }
}
