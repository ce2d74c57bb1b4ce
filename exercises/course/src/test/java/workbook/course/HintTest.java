package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintTest {

    @TempDir
    Path workbook;

    private Lesson lesson(String run) {
        return new Lesson("lesson01", Fixtures.lesson(workbook, "lesson01", "TCP basics", run));
    }

    private static String hint(Lesson lesson, String... args) throws Exception {
        String[] all = Stream.concat(Stream.of("lesson01"), Stream.of(args)).toArray(String[]::new);
        return Hint.show(lesson, Hint.Request.parse(all).orElseThrow(), Terminal.plain(), false);
    }

    @Test
    void theFirstHintOfAFailingStepIsLevelTwoThenLevelThreeThenLevelThreeAgain() throws Exception {
        Lesson lesson = lesson("starter-run"); // first failing step: 3

        String first = hint(lesson);
        assertThat(first).contains("Lesson 01, " + Fixtures.STEP_3)
                .contains("Hint for step 3, level 2 of 3 (the idea):\n    The connection loop goes round accept().")
                .contains("Level 3 (almost there): ./hint lesson01 3")
                .doesNotContain("Two loops").doesNotContain("while loop");

        String second = hint(lesson);
        assertThat(second).contains("level 3 of 3 (almost there):\n    Put the accept call inside a while loop.")
                .contains("That is the last level").doesNotContain("the idea");

        assertThat(hint(lesson)).contains("level 3 of 3").contains("You have seen every level of this step");
        assertThat(lesson.hintRecord().count()).isEqualTo(2);
    }

    @Test
    void aStepAskedForByNumberUsesTheLadderOfItsFailingChecksClass() throws Exception {
        Lesson lesson = lesson("starter-run"); // step 6 fails in UpperClientTest, which has its own ladder

        assertThat(hint(lesson, "6")).contains("level 2 of 3 (the idea):\n    Zero bytes on TCP send nothing.");
        assertThat(Hint.shown(lesson, "Step 6 (UpperClientTest)")).containsExactly(2);
        assertThat(Hint.shown(lesson, "Step 3")).isEmpty();
    }

    @Test
    void aStepThatIsNotFailingStartsAtLevelOne() throws Exception {
        Lesson lesson = lesson("solution-run");

        assertThat(hint(lesson)).contains("Every step of lesson01 passed in the last run");
        assertThat(hint(lesson, "3")).contains("level 1 of 3 (a nudge):\n    Two loops, one inside the other.")
                .doesNotContain("Lesson 01, Step");
        assertThat(hint(lesson, "3")).contains("level 2 of 3");
    }

    @Test
    void allShowsEveryLevelAndRecordsThem() throws Exception {
        Lesson lesson = lesson("starter-run");

        String all = hint(lesson, "--all");

        assertThat(all).contains("level 1 of 3").contains("level 2 of 3").contains("level 3 of 3")
                .containsSubsequence("Two loops", "The connection loop", "while loop");
        assertThat(Hint.shown(lesson, "Step 3")).containsExactly(1, 2, 3);
    }

    @Test
    void withoutReportsItSaysToRunTheChecksAndShowsNothing() throws Exception {
        Lesson lesson = lesson(null);

        assertThat(hint(lesson)).contains("No check results for lesson01 yet").contains("./watch lesson01");
        assertThat(lesson.hintRecord().count()).isZero();
    }

    @Test
    void cleaningTheLessonForgetsTheLevelsShown() throws Exception {
        Lesson lesson = lesson("starter-run");
        hint(lesson);
        hint(lesson);
        assertThat(lesson.dir().resolve("target/hints-opened.txt")).exists();

        deleteTarget(lesson); // what mvn clean does, keeping the reports for the next hint
        Fixtures.lesson(workbook, "lesson01", "TCP basics", "starter-run");

        assertThat(hint(lesson)).contains("level 2 of 3");
    }

    @Test
    void windowsUsersAreToldTheCmdCommand() throws Exception {
        Lesson lesson = lesson("starter-run");
        assertThat(Hint.show(lesson, Hint.Request.parse("lesson01").orElseThrow(), Terminal.plain(), true))
                .contains("Level 3 (almost there): hint.cmd lesson01 3");
    }

    @Test
    void argumentsAreALessonAStepAndAll() {
        assertThat(Hint.Request.parse("lesson02", "4", "--all")).contains(new Hint.Request("lesson02", 4, true));
        assertThat(Hint.Request.parse("--all", "lesson02")).contains(new Hint.Request("lesson02", null, true));
        assertThat(Hint.Request.parse("4")).isEmpty();
        assertThat(Hint.Request.parse("lesson02", "four")).isEmpty();
    }

    private static void deleteTarget(Lesson lesson) throws Exception {
        try (Stream<Path> walk = Files.walk(lesson.dir().resolve("target"))) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
