package workbook.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.LessonChecks;

/** SafeFileName on its own: which names may become a file in the upload directory. No file is touched. */
@LessonChecks
@DisplayName("Lesson 03 · SafeFileName (step 4)")
class SafeFileNameTest {

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: plain file names pass unchanged, Chinese ones and ones with spaces included")
    void acceptsPlainNames() throws RefusedException {
        for (String name : List.of("hello.txt", "你好世界.txt", "movie 2019.mp4", "a.b.c", "x", "résumé.pdf",
                "CONTRACT.txt", "a-b_c (1).zip", "名".repeat(85))) {
            assertThat(SafeFileName.check(name)).as("check(\"%s\")", name).isEqualTo(name);
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: names that climb out or point elsewhere are refused: ../x, /etc/x, a/../../b, C:\\x, ..")
    void refusesPathsThatLeaveTheDirectory() {
        assertAllRefused(List.of("../x", "/etc/x", "a/../../b", "C:\\x", "..", ".", "a/b", "a\\b", "..\\x",
                "\\\\server\\share\\x", "C:x", "/", "x/", "x/.."));
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: empty, hidden, control characters, trailing dots or spaces, device names, too long: refused")
    void refusesNamesThatAreNotPlain() {
        assertAllRefused(List.of("", ".bashrc", ".upload-123.part", "x\n", "a\u0000b", "tab\there", "x ", "x.",
                "CON", "nul.txt", "Com1.log", "a?b", "a*b", "a|b", "a\"b", "a<b", "a>b", "名".repeat(86)));
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: resolve() puts an accepted name directly inside the directory, and refuses the rest")
    void resolvesInsideTheDirectory() throws RefusedException {
        Path directory = Path.of("uploads").toAbsolutePath();
        assertThat(SafeFileName.resolve(directory, "hello.txt")).isEqualTo(directory.resolve("hello.txt"));
        for (String name : List.of("../x", "/etc/x", "a/../../b", "")) {
            try {
                Path path = SafeFileName.resolve(directory, name);
                fail("resolve(%s, \"%s\") should be refused, but gave %s", directory, name, path);
            } catch (RefusedException expected) {
                // good
            }
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: 255 bytes is the longest name; a refusal quotes the name, control characters made visible")
    void boundariesAndReasons() throws RefusedException {
        assertThat(SafeFileName.check("a".repeat(255))).isEqualTo("a".repeat(255));
        assertAllRefused(List.of("a".repeat(256)));
        try {
            SafeFileName.check("bad\nname");
            fail("check(\"bad\\nname\") should be refused");
        } catch (RefusedException e) {
            assertThat(e.getMessage()).as("the reason for refusing \"bad\\nname\"").contains("\"bad\\u000aname\"")
                    .doesNotContain("\n");
        }
        try {
            SafeFileName.check("../" + "x".repeat(77));
            fail("check(\"../xxx...\") should be refused");
        } catch (RefusedException e) {
            assertThat(e.getMessage()).as("the reason for refusing a name of 80 characters: the whole name")
                    .contains("\"../" + "x".repeat(77) + "\"");
        }
        try {
            SafeFileName.check("../" + "x".repeat(100));
            fail("check(\"../xxx...\") should be refused");
        } catch (RefusedException e) {
            assertThat(e.getMessage()).as("the reason for refusing a long name: the name shortened")
                    .contains("\"../" + "x".repeat(77) + "...\"");
        }
    }

    private static void assertAllRefused(List<String> names) {
        List<String> accepted = new ArrayList<>();
        for (String name : names) {
            try {
                String result = SafeFileName.check(name);
                accepted.add(SafeFileName.quoted(name) + " (check returned " + SafeFileName.quoted(result) + ")");
            } catch (RefusedException expected) {
                assertThat(expected.getMessage()).as("the reason given for refusing %s", SafeFileName.quoted(name))
                        .isNotBlank();
            }
        }
        if (!accepted.isEmpty()) {
            fail("These names should be refused (RefusedException with the reason), but check() accepted them:\n  "
                    + String.join("\n  ", accepted));
        }
    }
}
