package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetTest {

    @TempDir
    Path repo;

    private Path starter(String lesson) {
        return repo.resolve("exercises").resolve(lesson).resolve("src/main/java/Server.java");
    }

    private void git(String... args) throws Exception {
        assertThat(Reset.git(repo, args).exitCode()).as("git %s", String.join(" ", args)).isZero();
    }

    @BeforeEach
    void aWorkbookWithTwoLessons() throws Exception {
        for (String lesson : new String[] {"lesson01", "lesson02"}) {
            Files.createDirectories(starter(lesson).getParent());
            Files.writeString(starter(lesson), "// original " + lesson + "\n");
        }
        git("init", "-q");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "template");
        Files.writeString(starter("lesson01"), "// my work on 01\n");
        Files.writeString(starter("lesson02"), "// my work on 02\n");
        Files.writeString(starter("lesson01").resolveSibling("Extra.java"), "// a file I added\n");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "student work");
    }

    @Test
    void restoresOneLessonFromTheFirstCommitAndKeepsABackup() throws Exception {
        String said = Reset.reset(repo, "lesson01", null);

        assertThat(starter("lesson01")).hasContent("// original lesson01");
        assertThat(starter("lesson01").resolveSibling("Extra.java")).doesNotExist();
        assertThat(starter("lesson02")).hasContent("// my work on 02");
        assertThat(said).contains("Restored exercises/lesson01/src/main/java");
        try (var backups = Files.list(repo.resolve("target/reset-backup"))) {
            Path backup = backups.findFirst().orElseThrow();
            assertThat(backup.resolve("Server.java")).hasContent("// my work on 01");
            assertThat(backup.resolve("Extra.java")).exists();
        }
    }

    @Test
    void forgetsTheHintLevelsShownInThatLessonOnly() throws Exception {
        Lesson one = new Lesson("lesson01", repo.resolve("exercises/lesson01"));
        Lesson two = new Lesson("lesson02", repo.resolve("exercises/lesson02"));
        one.hintRecord().record("Step 3", java.util.Set.of(2, 3));
        two.hintRecord().record("Step 1", java.util.Set.of(2));

        Reset.reset(repo, "lesson01", null);

        assertThat(one.hintRecord().count()).isZero();
        assertThat(two.hintRecord().count()).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownLessonOrRevision() {
        assertThatThrownBy(() -> Reset.reset(repo, "lesson09", null)).hasMessageContaining("no lesson lesson09");
        assertThatThrownBy(() -> Reset.reset(repo, "lesson01", "no-such-branch")).hasMessageContaining("has no");
        assertThat(starter("lesson01")).hasContent("// my work on 01");
    }
}
