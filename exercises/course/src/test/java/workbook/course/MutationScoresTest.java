package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutationScoresTest {

    private static String mutation(String status) {
        return "<mutation detected='" + !status.equals("SURVIVED") + "' status='" + status
                + "' numberOfTestsRun='1'><sourceFile>X.java</sourceFile></mutation>\n";
    }

    @Test
    void countsTimeOutsAndMemoryErrorsAsKilledAndNoCoverageAsNotKilled() {
        String xml = "<mutations>\n" + mutation("KILLED") + mutation("KILLED") + mutation("TIMED_OUT")
                + mutation("MEMORY_ERROR") + mutation("SURVIVED") + mutation("NO_COVERAGE") + "</mutations>";

        MutationScores.Score score = MutationScores.score("lesson01", xml, 1);

        assertThat(score.mutants()).isEqualTo(6);
        assertThat(score.killed()).isEqualTo(4);
        assertThat(score.survived()).isEqualTo(1);
        assertThat(score.noCoverage()).isEqualTo(1);
        assertThat(score.equivalent()).isEqualTo(1);
        assertThat(score.percentKilled()).isCloseTo(66.67, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void anEmptyReportKillsNothing() {
        assertThat(MutationScores.score("lesson01", "<mutations/>", 0).percentKilled()).isZero();
    }

    @Test
    void equivalentMutantsAreTheListLinesOfTheirFile(@TempDir Path workbook) throws Exception {
        Path dir = workbook.resolve("exercises/lesson01");
        Path file = dir.resolve("src/test/resources/equivalent-mutants.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# Equivalent mutants\n\nWhy each cannot be seen:\n\n- A.run line 3: ...\n- B.x line 9: ...\n");

        assertThat(MutationScores.equivalents(new Lesson("lesson01", dir))).isEqualTo(2);

        Files.writeString(file, "| Class | Why |\n|---|---|\n| A | no change |\n| B | no change |\n| C | no change |\n");
        assertThat(MutationScores.equivalents(new Lesson("lesson01", dir))).isEqualTo(3);
        assertThat(MutationScores.equivalents(new Lesson("lesson02", workbook.resolve("none")))).isZero();
    }

    @Test
    void aLessonMayHoldItsOwnLowerBarInItsPom(@TempDir Path workbook) throws Exception {
        Path dir = Files.createDirectories(workbook.resolve("exercises/lesson03"));
        Lesson lesson = new Lesson("lesson03", dir);
        assertThat(MutationScores.ownThreshold(lesson)).isEmpty();

        Files.writeString(dir.resolve("pom.xml"), "<properties>\n  <mutation.threshold>87</mutation.threshold>\n</properties>\n");

        assertThat(MutationScores.ownThreshold(lesson)).contains(87.0);
    }
}
