package workbook.socketserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;


import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;
import workbook.testkit.VirtualThreadWarmUp;

/** The rewritten servers must pass the checks their originals pass in lessons 01 and 04. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread threads are not the lesson's
@DisplayName("Lesson 05 · lessons 01 and 04 on the framework (step 5)")
class EarlierLessonsTest {

    @Test
    @Tag("step:5")
    @Timeout(40) // lesson 01's nine checks, each with its own timeouts of a few seconds
    @DisplayName("Step 5: UpperEchoServer passes lesson 01's server checks")
    void upperEchoServerPassesLessonOnesChecks() {
        EarlierLessonChecks.Outcome outcome = EarlierLessonChecks.run("workbook.tcp.FrameworkUpperServerChecks", "lesson 01");
        assertThat(outcome.run()).as("how many of lesson 01's server checks ran").isGreaterThanOrEqualTo(9);
        if (!outcome.failures().isEmpty()) {
            fail(outcome.report("UpperEchoServer"));
        }
    }

    @Test
    @Tag("step:5")
    @Timeout(40) // lesson 04's server checks, each with its own timeouts of a few seconds
    @DisplayName("Step 5: UdpUpperEchoServer passes lesson 04's server checks")
    void udpUpperEchoServerPassesLessonFoursChecks() {
        EarlierLessonChecks.Outcome outcome = EarlierLessonChecks.run("workbook.udp.FrameworkUdpEchoChecks", "lesson 04");
        assertThat(outcome.run()).as("how many of lesson 04's server checks ran").isGreaterThanOrEqualTo(8);
        if (!outcome.failures().isEmpty()) {
            fail(outcome.report("UdpUpperEchoServer"));
        }
    }
}
