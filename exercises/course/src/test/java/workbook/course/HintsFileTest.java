package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class HintsFileTest {

    private static HintsFile fixture() throws Exception {
        return HintsFile.parse(Files.readString(Fixtures.resource("fixtures/hints.md")));
    }

    @Test
    void readsThreeLevelsPerStepAndTheLessonFromTheTitle() throws Exception {
        HintsFile hints = fixture();
        assertThat(hints.lessonNumber()).contains("01");
        assertThat(hints.ladder(3, null).orElseThrow().levels()).containsExactly("Two loops, one inside the other.",
                "The connection loop goes round accept().", "Put the accept call inside a while loop.");
        assertThat(hints.problems()).isEmpty();
    }

    @Test
    void aCheckClassWithItsOwnSectionGetsItAndEveryOtherClassGetsTheSteps() throws Exception {
        HintsFile hints = fixture();
        assertThat(hints.firstLevel(6, "UpperClientTest")).contains("Skip empty lines.");
        assertThat(hints.firstLevel(6, "UpperServerTest")).contains("A step-6 nudge for any other check class.");
        assertThat(hints.firstLevel(6, null)).contains("A step-6 nudge for any other check class.");
        assertThat(hints.firstLevel(3, "UpperClientTest")).contains("Two loops, one inside the other.");
        assertThat(hints.firstLevel(4, null)).isEmpty();
        assertThat(hints.ladder("Step 6 (UpperClientTest)").orElseThrow().level(3))
                .isEqualTo("Check the stripped line before writing it.");
    }

    @Test
    void aSectionWithoutLevelsIsOneLevelDuringTheTransitionButIsReported() {
        HintsFile hints = HintsFile.parse("## Step 1\nThe whole hint,\n\non two paragraphs.\n\n## Step 2\n### 1\na\n### 2\nb\n### 3\nc\n");
        assertThat(hints.ladder(1, null).orElseThrow().levels()).containsExactly("The whole hint,\n\non two paragraphs.");
        assertThat(hints.ladder(2, null).orElseThrow().levels()).containsExactly("a", "b", "c");
        assertThat(hints.problems()).singleElement().asString().contains("## Step 1 has no levels");
    }

    @Test
    void theValidatorWantsExactlyLevelsOneToThreeNonEmptyAndInOrder() {
        assertThat(HintsFile.parse("## Step 1\n### 1\na\n### 2\nb\n").problems()).singleElement().asString()
                .contains("## Step 1 has levels [1, 2]");
        assertThat(HintsFile.parse("## Step 1\n### 1\na\n### 3\nb\n### 2\nc\n").problems()).singleElement().asString()
                .contains("levels [1, 3, 2]");
        assertThat(HintsFile.parse("## Step 1\n### 1\na\n### 2\n\n### 3\nc\n").problems()).singleElement().asString()
                .contains("## Step 1, level 2 is empty");
        assertThat(HintsFile.parse("## Step 1\nintro\n### 1\na\n### 2\nb\n### 3\nc\n### 4\nd\n").problems())
                .hasSize(2).anyMatch(p -> p.contains("text before \"### 1\"")).anyMatch(p -> p.contains("[1, 2, 3, 4]"));
        assertThat(HintsFile.parse("## Step 2 (ChatServerTest)\n### 1\na\n### 2\nb\n").problems()).singleElement()
                .asString().contains("## Step 2 (ChatServerTest) has levels [1, 2]");
        assertThat(HintsFile.parse("## Step 1\n### 1\na\n### 2\nb\n### 3\nc\n## Step 1\n### 1\na\n### 2\nb\n### 3\nc\n")
                .problems()).singleElement().asString().contains("## Step 1 appears twice");
        assertThat(HintsFile.parse("## Step three\nx\n").problems()).singleElement().asString()
                .contains("is not a heading the hints understand");
    }

    @Test
    void windowsLineEndingsReadTheSame() throws Exception {
        HintsFile hints = HintsFile.parse(Files.readString(Fixtures.resource("fixtures/hints.md")).replace("\n", "\r\n"));
        assertThat(hints.problems()).isEmpty();
        assertThat(hints.firstLevel(3, null)).contains("Two loops, one inside the other.");
    }
}
