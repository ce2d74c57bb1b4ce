package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import workbook.course.HintsFile;

class StepHintsTest {

    /** Stands for a check class that has its own ladder for step 2 ("## Step 2 (OwnLadder)"). */
    static class OwnLadder {
        /** A nested class of it: its checks use the enclosing class's ladder. */
        static class Inner {
        }
    }

    @Test
    void readsTheLaddersAndTheLessonIdFromHintsMd() {
        // src/test/resources/hints.md of this module
        var lesson = StepHints.read(StepHintsTest.class);
        assertThat(lesson.id()).isEqualTo("lesson99");
        assertThat(lesson.hints().ladder(1, null).orElseThrow().levels())
                .containsExactly("First nudge,\non two lines.", "First idea.", "First almost there.");
    }

    @Test
    void aFailingCheckShowsLevelOneOnlyAndHowToGetTheNextLevel() {
        var lesson = StepHints.read(StepHintsTest.class);
        String text = StepHints.firstLevel(StepHints.hint(lesson.hints(), 1, StepHintsTest.class).orElseThrow(),
                lesson.id());
        assertThat(text).isEqualTo("Hint (step 1, level 1 of 3):\n  First nudge,\n  on two lines.\n"
                + "More help: ./hint lesson99 1 (Windows: hint.cmd lesson99 1)");
        assertThat(text).doesNotContain("First idea").doesNotContain("almost there");
    }

    @Test
    void aCheckClassWithItsOwnLadderGetsItAndOthersGetTheSteps() {
        HintsFile hints = StepHints.read(StepHintsTest.class).hints();
        assertThat(StepHints.hint(hints, 2, OwnLadder.class).orElseThrow().level(1)).isEqualTo("A nudge for one check class.");
        assertThat(StepHints.hint(hints, 2, OwnLadder.Inner.class).orElseThrow().level(1))
                .isEqualTo("A nudge for one check class.");
        assertThat(StepHints.hint(hints, 2, StepHintsTest.class).orElseThrow().level(1)).isEqualTo("Second nudge.");
        assertThat(StepHints.hint(hints, 3, StepHintsTest.class)).isEmpty();
    }

    @Test
    void aSectionInTheOlderFormatIsShownWholeWithoutAPromiseOfMore() {
        HintsFile old = HintsFile.parse("## Step 4\nThe whole old hint.\n");
        assertThat(StepHints.firstLevel(old.ladder(4, null).orElseThrow(), "lesson01"))
                .isEqualTo("Hint (step 4):\n  The whole old hint.");
    }

    @Test
    void theLessonIdComesFromTheTitleElseFromWhereTheHintsWereFound() {
        HintsFile untitled = HintsFile.parse("## Step 1\n### 1\na\n");
        assertThat(StepHints.lessonId(HintsFile.parse("# Hints for lesson 04: UDP\n"), null)).isEqualTo("lesson04");
        assertThat(StepHints.lessonId(untitled, "file:/home/me/workbook/exercises/lesson03/target/test-classes/hints.md"))
                .isEqualTo("lesson03");
        assertThat(StepHints.lessonId(untitled, "file:/C:/Users/me/lesson05/src/test/resources/hints.md"))
                .isEqualTo("lesson05");
    }
}
