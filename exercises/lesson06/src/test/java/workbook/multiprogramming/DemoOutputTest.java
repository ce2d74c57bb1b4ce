package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/** What the demo prints, to the character: the lesson text quotes these runs. */
@LessonChecks
@Timeout(5)
@DisplayName("Lesson 06 · What the demo prints")
class DemoOutputTest {

    private static final String LEGEND_LINE = "(" + GanttChart.LEGEND + ")\n";

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the demo's whole output for --policy serial --switch 1 A=5 B=3 C=1")
    void serialRunInFull() {
        Demo demo = Demo.run("--policy", "serial", "--switch", "1", "A=5", "B=3", "C=1");
        assertThat(demo.code()).as("the exit code; standard error said: %s", demo.err()).isZero();
        assertThat(demo.out()).isEqualTo("""
                serial, switch cost 1, on 1 CPU: A=5 B=3 C=1

                time   0    5    10
                CPU 0  AAAAA~BBB~C
                """ + LEGEND_LINE + """

                job  arrives  cpu  i/o  finishes  turnaround  waiting
                A          0    5    0         5           5        0
                B          0    3    0         9           9        6
                C          0    1    0        11          11       10
                average                                  8.3      5.3
                elapsed 11, CPU utilisation 81.8% (9 of 11 CPU time units did useful work)

                """);
        assertThat(demo.err()).as("standard error").isEmpty();
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: the demo's output quoted at the top of the lesson: --policy multi A=2,4,2 B=3,2,1")
    void lessonOpeningRun() {
        Demo demo = Demo.run("--policy", "multi", "A=2,4,2", "B=3,2,1");
        assertThat(demo.code()).as("the exit code; standard error said: %s", demo.err()).isZero();
        assertThat(demo.out()).as("(this needs steps 2 and 4)").isEqualTo("""
                multiprogramming, switch cost 0, on 1 CPU: A=2,4,2 B=3,2,1

                time   0    5
                CPU 0  AABBB.AAB
                I/O A    ====
                I/O B       ==
                """ + LEGEND_LINE + """

                job  arrives  cpu  i/o  finishes  turnaround  waiting
                A          0    4    4         8           8        0
                B          0    4    2         9           9        3
                average                                  8.5      1.5
                elapsed 9, CPU utilisation 88.9% (8 of 9 CPU time units did useful work)

                """);
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: --compare runs all three policies and ends with a table of them, one line each")
    void compareTable() {
        Demo demo = Demo.run("--compare", "--switch", "1", "A=5", "B=3", "C=1");
        assertThat(demo.code()).as("the exit code; standard error said: %s", demo.err()).isZero();
        assertThat(demo.out()).contains("serial, switch cost 1, on 1 CPU: A=5 B=3 C=1\n",
                "multiprogramming, switch cost 1, on 1 CPU: A=5 B=3 C=1\n",
                "round robin, quantum 2, switch cost 1, on 1 CPU: A=5 B=3 C=1\n",
                "CPU 0  AA~BB~C~AA~B~A\n");
        assertThat(demo.out()).endsWith("""
                policy                                   elapsed  utilisation  avg turnaround  avg waiting
                serial, switch cost 1                         11        81.8%             8.3          5.3
                multiprogramming, switch cost 1               11        81.8%             8.3          5.3
                round robin, quantum 2, switch cost 1         14        64.3%            11.0          8.0
                """);
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: with switch cost 2, A=1,1,1 B=1,1,1 end at 8 serially but at 10 with multiprogramming")
    void switchingOnIoCanCostMore() {
        Demo demo = Demo.run("--compare", "--switch", "2", "A=1,1,1", "B=1,1,1");
        assertThat(demo.out()).contains("CPU 0  A_A~~B_B\n", "CPU 0  A~~B~~A~~B\n").contains("""
                serial, switch cost 2                          8        50.0%             5.5          2.5
                multiprogramming, switch cost 2               10        40.0%             8.5          5.5
                """);
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the demo's defaults: multiprogramming, quantum 2, no switch cost, one CPU, A=2,4,2 B=3,2,1")
    void defaultsAndNames() {
        assertThat(Demo.run().out()).startsWith("multiprogramming, switch cost 0, on 1 CPU: A=2,4,2 B=3,2,1\n\n");
        assertThat(Demo.run("--policy", "serial").out()).startsWith("serial, switch cost 0, on 1 CPU: A=2,4,2 B=3,2,1\n");
        assertThat(Demo.run("--policy", "multiprogramming", "A=1").out())
                .startsWith("multiprogramming, switch cost 0, on 1 CPU: A=1\n");
        assertThat(Demo.run("--policy", "rr", "A=1").out()).startsWith("round robin, quantum 2, switch cost 0, on 1 CPU: A=1\n");
        assertThat(Demo.run("--policy", "round-robin", "--quantum", "3", "--cpus", "2", "A=5", "B@4=3").out())
                .startsWith("round robin, quantum 3, switch cost 0, on 2 CPUs: A=5 B@4=3\n\ntime   0    5\nCPU 0  AAAAA..\nCPU 1  ....BBB\n");
        assertThat(Demo.run("--switch", "3", "A=1").out()).startsWith("multiprogramming, switch cost 3, on 1 CPU: A=1\n");
        assertThat(Demo.run("--policy", "serial", "A=1").out()).doesNotContain("policy  ")
                .as("without --compare, no table of policies").endsWith("did useful work)\n\n");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a bad option value gets one line naming it, the usage, exit code 2, and nothing on standard output")
    void badValues() {
        Demo noQuantum = Demo.run("--policy", "rr", "--quantum", "0", "A=1");
        assertThat(noQuantum.code()).isEqualTo(2);
        assertThat(noQuantum.firstErrorLine()).isEqualTo("error: round robin needs a quantum of at least one time unit: 0");
        assertThat(noQuantum.err()).contains(SchedulerDemo.USAGE);
        assertThat(noQuantum.out()).as("standard output").isEmpty();
        Demo negative = Demo.run("--switch", "-1", "A=1");
        assertThat(negative.firstErrorLine()).isEqualTo("error: a context switch cannot cost less than nothing: -1");
        Demo noCpu = Demo.run("--cpus", "0", "A=1");
        assertThat(noCpu.code()).isEqualTo(2);
        assertThat(noCpu.firstErrorLine()).isEqualTo("error: a machine needs at least one CPU: 0");
        Demo missing = Demo.run("A=1", "--policy");
        assertThat(missing.firstErrorLine()).isEqualTo("error: --policy needs a value");
        Demo word = Demo.run("--switch", "one");
        assertThat(word.firstErrorLine()).isEqualTo("error: --switch needs a whole number, not \"one\"");
        Demo twice = Demo.run("A=1", "A=2");
        assertThat(twice.firstErrorLine()).startsWith("error: two jobs are named A");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: interactive: the greeting, the usage, a prompt per line, and a new line at EOF")
    void interactiveTranscript() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = SchedulerDemo.interact(new java.io.ByteArrayInputStream(
                "  --policy serial   A=1  \n   \n--cpus x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Demo.print(out), Demo.print(err));
        String printed = Demo.text(out);
        assertThat(code).isZero();
        assertThat(printed).startsWith("Scheduler simulator. Type arguments, e.g. --policy rr --quantum 2 A=5 B=3 C=1"
                + " (Ctrl-D ends).\n" + SchedulerDemo.USAGE + "\n" + SchedulerDemo.PROMPT
                + "serial, switch cost 0, on 1 CPU: A=1\n");
        assertThat(printed).as("after the last prompt, EOF: a new line, so the shell's prompt starts on its own line")
                .endsWith("did useful work)\n\n" + SchedulerDemo.PROMPT.repeat(3) + "\n");
        assertThat(Demo.text(err)).startsWith("error: --cpus needs a whole number, not \"x\"\n");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: interactive: the prompt is flushed before the demo waits for a line, so a terminal shows it")
    void promptIsFlushed() throws Exception {
        java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
        // A terminal sees only what was flushed: buffer everything, as System.out may.
        java.io.PrintStream out = new java.io.PrintStream(new java.io.BufferedOutputStream(screen, 1 << 16), false,
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<String> seenAtRead = new java.util.ArrayList<>();
        java.io.InputStream keyboard = new java.io.InputStream() {
            private final byte[] line = "A=1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            private int next;

            @Override
            public int read() {
                if (next == 0 || next == line.length) {
                    seenAtRead.add(Demo.text(screen));
                }
                return next < line.length ? line[next++] : -1;
            }
        };
        SchedulerDemo.interact(keyboard, out, Demo.print(new java.io.ByteArrayOutputStream()));
        assertThat(seenAtRead).as("what the screen showed each time the demo waited for input").isNotEmpty()
                .allMatch(seen -> seen.endsWith(SchedulerDemo.PROMPT));
    }
}
