package workbook.socketserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;
import workbook.testkit.VirtualThreadWarmUp;
import workbook.testkit.Loopback;

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
        EarlierLessonChecks.Outcome outcome = EarlierLessonChecks.run("workbook.tcp.UpperServerTest", "lesson 01");
        assertThat(outcome.run()).as("how many of lesson 01's server checks ran").isGreaterThanOrEqualTo(9);
        if (!outcome.failures().isEmpty()) {
            fail(outcome.report("UpperEchoServer (in the clothes of lesson 01's UpperServer)"));
        }
    }

    /**
     * Until lesson 04's own UDP checks are wired in here, the UDP echo checks lesson 04 names: echo,
     * an empty datagram, the largest datagram, no stale bytes after a longer one, two clients at once.
     */
    @Test
    @Tag("step:5")
    @DisplayName("Step 5: UdpUpperEchoServer passes the UDP echo checks")
    void udpUpperEchoServerPassesTheUdpEchoChecks() throws Exception {
        try (var server = Checks.serve(UdpUpperEchoServer.bind(Loopback.anyPort()));
                var alice = new UdpServerTest.Client("client Alice");
                var bob = new UdpServerTest.Client("client Bob")) {
            alice.send(server.port(), "hello 你好".getBytes(StandardCharsets.UTF_8));
            alice.expect("HELLO 你好".getBytes(StandardCharsets.UTF_8), "the reply to \"hello 你好\" (UTF-8)");
            alice.send(server.port(), new byte[0]);
            alice.expect(new byte[0], "the reply to an empty datagram");
            String largest = "abcdefghijklmnopqrstuvwxyz".repeat(2520).substring(0, Datagram.MAX_SIZE);
            alice.send(server.port(), largest);
            alice.expect(largest.toUpperCase(Locale.ROOT), "the reply to a datagram of 65507 bytes");
            alice.send(server.port(), "short");
            alice.expect("SHORT", "the reply to a short datagram right after the longest one (no stale bytes)");
            for (int i = 1; i <= 5; i++) {
                alice.send(server.port(), "alice " + i);
                bob.send(server.port(), "bob " + i);
                alice.expect("ALICE " + i, "Alice's own reply, number " + i);
                bob.expect("BOB " + i, "Bob's own reply, number " + i);
            }
        }
    }
}
