package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SurefireReportsTest {

    @Test
    void readsEveryCheckWithItsStepStatusAndMessage() throws Exception {
        List<CheckResult> results = SurefireReports.read(Fixtures.resource("fixtures/starter-run"));
        assertThat(results).hasSize(14);
        assertThat(results).filteredOn(r -> r.status().isProblem()).hasSize(6)
                .extracting(CheckResult::step).containsOnly(3, 4, 5, 6);
        CheckResult step3 = results.stream().filter(r -> r.name().equals(Fixtures.STEP_3)).findFirst().orElseThrow();
        assertThat(step3.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(step3.suite()).startsWith("Lesson 01 · UpperServer");
        assertThat(step3.firstLineOfMessage()).startsWith("Wrong bytes for the reply to client 2");
    }

    @Test
    void aSolutionRunPassesEverything() throws Exception {
        assertThat(SurefireReports.read(Fixtures.resource("fixtures/solution-run")))
                .hasSize(14).allMatch(CheckResult::passed);
    }

    @Test
    void noReportsFolderMeansNoResults(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) throws Exception {
        assertThat(SurefireReports.read(empty.resolve("nothing-here"))).isEmpty();
    }
}
