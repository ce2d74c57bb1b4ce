package workbook.socketserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.Patience;
import workbook.testkit.Received;
import workbook.testkit.Timeouts;
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
    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a client that keeps talking is not hung up on when the idle limit has passed")
    void aTalkingClientOutlivesTheIdleLimit() throws Exception {
        Duration idleLimit = Duration.ofSeconds(1);
        try (var server = Checks.serve(UpperEchoServer.bind(Loopback.anyPort(), ServerOptions.defaults(), idleLimit));
                Socket client = Checks.connect(server.port(), "the talking client")) {
            long end = System.nanoTime() + idleLimit.multipliedBy(5).dividedBy(2).toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                // one byte, then a pause well under the limit: silence never lasts a whole second
                Checks.roundTrip(client, i % 2 == 0 ? "a" : "bc", "the reply " + (i + 1) + ", "
                        + idleLimit.toMillis() + " ms idle limit, a message every 100 ms");
                Thread.sleep(100);
            }
            Checks.roundTrip(client, "still here", "the reply after 2.5 s of talk with a 1 s idle limit");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a silent client is hung up on at the idle limit, and the server's log says why in one line")
    void aSilentClientIsHungUpOnAndReported() throws Exception {
        Duration idleLimit = Duration.ofMillis(700);
        try (var server = Checks.serve(UpperEchoServer.bind(Loopback.anyPort(), ServerOptions.defaults(), idleLimit))) {
            Checks.Printed printed = Checks.stderrOf(() -> {
                try (Socket silent = Checks.connect(server.port(), "the silent client")) {
                    Checks.roundTrip(silent, "hi", "the reply before the silence");
                    long start = System.nanoTime();
                    Received seen = Received.read(silent, 1, idleLimit.plus(Timeouts.REPLY));
                    long waited = (System.nanoTime() - start) / 1_000_000;
                    assertThat(seen.ending())
                            .as("what a client silent after one round trip saw (%s): with an idle limit of %d ms"
                                    + " the server should hang up on it", seen.story(), idleLimit.toMillis())
                            .isIn(Received.Ending.END_OF_STREAM, Received.Ending.BROKEN);
                    assertThat(waited).as("ms of silence before the server hung up (idle limit %d ms)",
                            idleLimit.toMillis()).isGreaterThanOrEqualTo(idleLimit.toMillis() - 50)
                            .isLessThan(idleLimit.plus(Patience.scaled(600)).toMillis());
                    SocketAddress me = silent.getLocalSocketAddress();
                    Patience.pause(200); // the report follows the hang-up
                    return me;
                }
            });
            Checks.expectReport(printed.output(), "silent for 700 ms", "a client silent for 700 ms");
            assertThat(printed.output()).as("the report names the client").contains(printed.client().toString());
        }
    }
}
