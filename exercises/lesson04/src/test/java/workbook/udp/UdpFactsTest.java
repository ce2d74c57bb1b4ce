package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.LessonChecks;

/**
 * UdpFacts prints what the lesson text quotes: the text includes {@code udp-facts.txt}, and this check compares
 * that file with what the demo really prints.
 */
@LessonChecks
@DisplayName("Lesson 04 · UdpFacts, the demo the lesson quotes")
class UdpFactsTest {

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: UdpFacts prints the five facts exactly as the lesson text shows them")
    void printsWhatTheLessonQuotes() throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            UdpFacts.showAll(out);
        }
        List<String> printed = captured.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").lines().toList();
        List<String> quoted = quoted();
        assertThat(printed).as("the lines UdpFacts printed").hasSameSizeAs(quoted);
        for (int i = 0; i < quoted.size(); i++) {
            if (quoted.get(i).startsWith("4. ")) {
                // The refusal's message comes from the operating system, in its language: compare up to the kind.
                String kind = "4. 65,507 bytes: sent, and 65507 received; 65,508: java.net.SocketException";
                assertThat(printed.get(i)).as("line %d of UdpFacts' output", i + 1).startsWith(kind);
            } else {
                assertThat(printed.get(i)).as("line %d of UdpFacts' output", i + 1).isEqualTo(quoted.get(i));
            }
        }
    }

    private static List<String> quoted() throws IOException {
        try (InputStream in = UdpFactsTest.class.getResourceAsStream("/udp-facts.txt")) {
            assertThat(in).as("udp-facts.txt, next to the checks").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").lines().toList();
        }
    }
}
