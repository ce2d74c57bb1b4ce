package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintLadderTest {

    @TempDir
    Path workbook;

    private Lesson lesson(String hints) throws Exception {
        Path dir = Fixtures.lesson(workbook, "lesson01", "TCP basics", null);
        Fixtures.checks(dir, "UpperServerTest.java", "@Tag(\"step:3\") void a() {}\n");
        Fixtures.checks(dir, "UpperClientTest.java", "@Tag(\"step:6\") void b() {}\n");
        if (hints != null) {
            Files.writeString(dir.resolve("src/test/resources/hints.md"), hints);
        }
        return new Lesson("lesson01", dir);
    }

    @Test
    void aLadderOfThreeLevelsForEveryStepWithChecksPasses() throws Exception {
        assertThat(HintLadder.problems(lesson(null))).isEmpty();
    }

    @Test
    void aStepWithChecksButNoHintsIsReported() throws Exception {
        Lesson lesson = lesson("## Step 3\n### 1\na\n### 2\nb\n### 3\nc\n");
        assertThat(HintLadder.problems(lesson)).singleElement().asString()
                .contains("no \"## Step 6\" for the checks of step 6 in UpperClientTest");
    }

    @Test
    void aSectionForACheckClassThatHasNoChecksOfThatStepIsReported() throws Exception {
        String ladder = "### 1\na\n### 2\nb\n### 3\nc\n";
        Lesson lesson = lesson("## Step 3\n" + ladder + "## Step 6 (UpperClientTest)\n" + ladder
                + "## Step 3 (UpperClientTst)\n" + ladder);
        assertThat(HintLadder.problems(lesson)).singleElement().asString()
                .contains("\"## Step 3 (UpperClientTst)\" names no check class with checks of step 3");
    }

    @Test
    void theFormatProblemsOfTheFileAreReportedWithItsPath() throws Exception {
        Lesson lesson = lesson("## Step 3\nold style\n## Step 6\nold style\n");
        assertThat(HintLadder.problems(lesson)).hasSize(2)
                .allMatch(p -> p.startsWith("lesson01/src/test/resources/hints.md: ## Step "))
                .allMatch(p -> p.contains("has no levels"));
    }
}
