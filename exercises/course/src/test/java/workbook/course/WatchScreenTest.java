package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchScreenTest {

    @TempDir
    Path workbook;

    private static final String STEP_3_MESSAGE = Fixtures.STEP_3 + " — FAILED\n\nNothing arrived within 2.0 s.\n"
            + "Expected:\n  text \"I AM CLIENT 2\"\n\nHint (step 3, level 1 of 3):\n  Two loops, one inside the other.\n"
            + "More help: ./hint lesson01 3 (Windows: hint.cmd lesson01 3)";

    private String render(Verdict verdict) {
        Lesson lesson = new Lesson("lesson01", Fixtures.lesson(workbook, "lesson01", "TCP basics", null));
        return WatchScreen.render(lesson, verdict, LocalTime.of(10, 41, 5), Terminal.plain());
    }

    private static CheckResult check(String name, CheckResult.Status status, String message) {
        return new CheckResult("Lesson 01 · UpperServer", name, status, message, "UpperServerTest");
    }

    @Test
    void showsEveryStepThenTheFirstFailingCheckAndItsHint() {
        String screen = render(new Verdict(List.of(
                check("Step 1: one message comes back upper-cased", CheckResult.Status.PASSED, ""),
                check("Step 6: the client skips empty input", CheckResult.Status.FAILED, "Step 6 failed"),
                check(Fixtures.STEP_3, CheckResult.Status.FAILED, STEP_3_MESSAGE)), List.of(), Duration.ofMillis(2345)));

        assertThat(screen).contains("Lesson 01 · TCP basics   checked at 10:41:05 in 2.3 s (compiling 0.0 s)")
                .containsSubsequence("Step 1  passed  1 of 1 checks", "Step 3  FAILED  0 of 1 checks",
                        "Step 6  FAILED  0 of 1 checks")
                .containsSubsequence(Fixtures.STEP_3 + " — FAILED", "Nothing arrived within 2.0 s.",
                        "Hint (step 3, level 1 of 3):\n  Two loops", "More help: ./hint lesson01 3", "Ctrl-C stops")
                .doesNotContain("Step 6 failed");
    }

    @Test
    void aLongFailureIsCutButItsHintIsKept() {
        String longMessage = Fixtures.STEP_3 + " — FAILED\n\n" + "a line\n".repeat(100)
                + "\nHint (step 3, level 1 of 3):\n  Two loops.";
        String screen = render(new Verdict(List.of(check(Fixtures.STEP_3, CheckResult.Status.FAILED, longMessage)),
                List.of(), Duration.ofSeconds(1)));

        assertThat(screen).contains("more lines: cd exercises && mvn test -pl lesson01 shows them all")
                .contains("Hint (step 3, level 1 of 3):\n  Two loops.");
        assertThat(screen.lines().filter(l -> l.equals("a line")).count()).isLessThan(WatchScreen.MESSAGE_LINES);
    }

    @Test
    void codeThatDoesNotCompileShowsTheCompilersErrors() {
        String screen = render(new Verdict(List.of(), List.of("UpperServer.java:42: ';' expected\n    int x = 3\n             ^"),
                Duration.ofMillis(300)));

        assertThat(screen).contains("Your code does not compile").contains("UpperServer.java:42: ';' expected")
                .doesNotContain("Step ");
    }

    @Test
    void aLessonThatPassesSaysSo() {
        String screen = render(new Verdict(List.of(check("Step 1: x", CheckResult.Status.PASSED, "")), List.of(),
                Duration.ofSeconds(1)));
        assertThat(screen).contains("Every check of lesson 01 passes");
    }

    @Test
    void reportsWrittenForTheWatchReadBackWithTheirLineBreaks() throws Exception {
        Path reports = workbook.resolve("reports");
        ReportXml.write(reports, java.util.Map.of("workbook.tcp.UpperServerTest",
                List.of(check(Fixtures.STEP_3, CheckResult.Status.FAILED, "a <b> & \"c\"\n\u0000second line"),
                        check("Step 1: x", CheckResult.Status.PASSED, ""))));

        List<CheckResult> read = SurefireReports.read(reports);

        assertThat(read).hasSize(2);
        assertThat(read.get(0).message()).isEqualTo("a <b> & \"c\"\n\\u0000second line");
        assertThat(read.get(0).checkClass()).isEqualTo("UpperServerTest");
        assertThat(read.get(1).passed()).isTrue();
    }
}
