package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.ClientRun;
import workbook.testkit.LessonChecks;

/** The command-line demo: one run per command line, or a {@code >>: } prompt. */
@LessonChecks
@DisplayName("Lesson 06 · SchedulerDemo (step 1)")
class SchedulerDemoTest {

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the demo prints the run, its Gantt chart and a table of the jobs' figures")
    void printsChartAndTable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchedulerDemo.run(List.of("--policy", "serial", "--switch", "1", "A=5", "B=3", "C=1"),
                print(out), print(err));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("the exit code; it printed on standard error: %s", err).isZero();
        assertThat(printed).contains("serial, switch cost 1, on 1 CPU: A=5 B=3 C=1",
                "CPU 0  AAAAA~BBB~C",
                "job  arrives  cpu  i/o  finishes  turnaround  waiting",
                "C          0    1    0        11          11       10");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a bad argument gets one clear line that names it, and exit code 2")
    void refusesBadArguments() {
        for (List<String> args : List.of(List.of("A=2,x"), List.of("--policy", "fifo"), List.of("--cpus", "two"),
                List.of("--quantum"), List.of("--fast"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = SchedulerDemo.run(args, print(new ByteArrayOutputStream()), print(err));
            String firstLine = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
            assertThat(code).as("the exit code for %s", args).isEqualTo(2);
            assertThat(firstLine).as("the first line on standard error for %s", args)
                    .startsWith("error: ").contains(args.get(args.size() - 1));
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: interactive: a run per line at the >>: prompt; empty lines are skipped, bad ones reported, EOF ends")
    void interactive() {
        ClientRun run = ClientRun.run("SchedulerDemo", SchedulerDemo::interact,
                "--policy serial A=5 B=3 C=1\n\n--policy nonsense\nA=1\n", () -> { });
        run.assertFinished();
        assertThat(run.exitCode()).as("the exit code after EOF").isZero();
        String out = Demo.normalise(run.out()); // println ends lines with "\r\n" on Windows
        assertThat(out).contains(">>: ", "CPU 0  AAAAABBBC", "CPU 0  A\n");
        assertThat(out.split(">>: ", -1)).as("prompts: 4 lines of input, then EOF").hasSize(6);
        assertThat(run.err()).contains("error: no such policy: \"nonsense\"");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
