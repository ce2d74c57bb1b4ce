package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradingTest {

    /** Three of lesson 01's checks (names as in the recorded runs): step 2 passes on the starter, steps 3 and 6 fail. */
    private static final String CHECKS = """
            class UpperServerTest {
                @Test
                @Points(2)
                @DisplayName("Step 2: a conversation: 50 messages on one connection, each answered in turn")
                void conversation() {
                }

                @Test
                @Points(5)
                @DisplayName("Step 3: three clients, one after another, are all served")
                void clients() {
                }

                @Test
                @DisplayName("Step 6: the client skips empty input instead of waiting forever for a reply")
                void empty() {
                }
            }
            """;

    @TempDir
    Path root;

    Path reference;

    @BeforeEach
    void referenceWorkbook() throws Exception {
        reference = root.resolve("reference");
        Fixtures.checks(Fixtures.lesson(reference, "lesson01", "TCP basics", null), "UpperServerTest.java", CHECKS);
    }

    private Path student(String name, String run, String checks) throws Exception {
        Path repo = root.resolve("classroom").resolve(name);
        Fixtures.checks(Fixtures.lesson(repo, "lesson01", "TCP basics", run), "UpperServerTest.java", checks);
        return repo;
    }

    @Test
    void pointsComeFromTheReferencesChecksAndTheStudentsResults() throws Exception {
        Grading.Reference ref = Grading.Reference.of(reference);
        Grading.StudentGrade starter = Grading.grade(student("ana", "starter-run", CHECKS), ref);
        Grading.StudentGrade solved = Grading.grade(student("ben", "solution-run", CHECKS), ref);

        assertThat(starter.earned()).isEqualTo(2);
        assertThat(starter.possible()).isEqualTo(8);
        assertThat(starter.lessons().get(0).notPassed()).hasSize(2);
        assertThat(solved.earned()).isEqualTo(8);
        assertThat(starter.checksUnchanged()).isTrue();
        assertThat(starter.lessons().get(0).unknown()).as("the recorded run's other 11 checks").hasSize(11);
        assertThat(ReportWriter.markdown(List.of(starter), ref)).contains("**not a check of the reference**");
    }

    @Test
    void changedChecksAreFlaggedInBothReports() throws Exception {
        Grading.Reference ref = Grading.Reference.of(reference);
        Grading.StudentGrade cheat = Grading.grade(student("cy", "solution-run", CHECKS.replace("@Points(5)", "")), ref);
        assertThat(cheat.checksUnchanged()).isFalse();

        String md = ReportWriter.markdown(List.of(cheat), ref);
        String csv = ReportWriter.csv(List.of(cheat), ref);
        assertThat(md).contains("| cy | 8/8 | 8/8 | **CHANGED: lesson01** |");
        assertThat(csv).isEqualTo("student,lesson01,lesson01_possible,total,possible,checks_unchanged,changed,"
                + "lesson01_hints_opened\ncy,8,8,8,8,no,lesson01,0\n");
        assertThat(md).as("no hint records: no hint table").doesNotContain("Hint levels opened");
    }

    @Test
    void theHintLevelsAStudentOpenedAreCountedWhereTheirRecordIsThere() throws Exception {
        Grading.Reference ref = Grading.Reference.of(reference);
        Path repo = student("dee", "starter-run", CHECKS);
        new Lesson("lesson01", repo.resolve("exercises/lesson01")).hintRecord().record("Step 3", java.util.Set.of(2, 3));
        Grading.StudentGrade dee = Grading.grade(repo, ref);

        assertThat(dee.hintsOpened()).isEqualTo(2);
        assertThat(ReportWriter.markdown(List.of(dee), ref)).contains("## Hint levels opened").contains("| dee | 2 | 2 |");
        assertThat(ReportWriter.csv(List.of(dee), ref)).endsWith(",2\n");
    }

    @Test
    void aFolderOfRepositoriesIsExpanded() throws Exception {
        student("ana", "starter-run", CHECKS);
        student("ben", "solution-run", CHECKS);
        Files.createDirectories(root.resolve("classroom/not-a-repo"));
        assertThat(Report.repositories(List.of(root.resolve("classroom"))))
                .extracting(p -> p.getFileName().toString()).containsExactly("ana", "ben");
    }

    @Test
    void autogradingHasOneTestPerStepWorthItsPoints() throws Exception {
        String yaml = Autograding.workflow(Grading.Reference.of(reference));
        assertThat(yaml).contains("command: cd exercises && ../mvnw -q -B test -pl lesson01 -Dgroups=step:3\n"
                + "        timeout: 5\n        max-score: 5\n")
                .contains("max-score: 2").contains("runners: lesson01-step2,lesson01-step3,lesson01-step6")
                .contains("LESSON01-STEP3_RESULTS: \"${{steps.lesson01-step3.outputs.result}}\"");
    }
}
