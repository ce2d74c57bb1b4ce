package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartersFailTest {

    @TempDir
    Path workbook;

    private Lesson lessonWithStarter(String starterSource, String run) throws Exception {
        Path dir = Fixtures.lesson(workbook, "lesson01", "TCP basics", run);
        Path file = dir.resolve("src/main/java/workbook/tcp/UpperServer.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, starterSource);
        return new Lesson("lesson01", dir);
    }

    @Test
    void everyTodoStepFailingIsFine() throws Exception {
        Lesson lesson = lessonWithStarter("// TODO(step 3): loop\n// TODO(step 6): skip\n", "starter-run");
        assertThat(StartersFail.problems(lesson)).isEmpty();
    }

    @Test
    void aTodoStepWhoseChecksAllPassIsAProblem() throws Exception {
        Lesson lesson = lessonWithStarter("class X {\n  // TODO(step 1): nothing is wrong here\n}\n", "starter-run");
        assertThat(StartersFail.problems(lesson)).singleElement().asString()
                .contains("passes every check of step 1").contains("UpperServer.java:2");
    }

    @Test
    void aTodoStepWithoutChecksIsAProblem() throws Exception {
        Lesson lesson = lessonWithStarter("// TODO(step 9): no check for this\n", "starter-run");
        assertThat(StartersFail.problems(lesson)).singleElement().asString().contains("no check is named \"Step 9");
    }

    @Test
    void aStarterThatDidNotRunOrHasNoBugsIsAProblem() throws Exception {
        Lesson lesson = lessonWithStarter("class X {}\n", null);
        assertThat(StartersFail.problems(lesson)).hasSize(2)
                .anyMatch(p -> p.contains("no TODO(step N)")).anyMatch(p -> p.contains("no Surefire report"));
    }
}
