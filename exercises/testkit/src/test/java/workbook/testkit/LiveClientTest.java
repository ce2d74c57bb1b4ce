package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class LiveClientTest {

    /** A tiny interactive client: prints each line it reads in upper case, exits 0 at the end of input. */
    private static final ClientRun.ClientMain SHOUT = (in, out, err) -> {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            out.println(line.toUpperCase(Locale.ROOT));
        }
        return 0;
    };

    @Test
    void typesLineByLineAndWatchesTheOutput() {
        try (LiveClient client = LiveClient.start("shouter", SHOUT, () -> { })) {
            client.type("hello");
            client.expectOutput("HELLO\n", "the first line, shouted");
            assertThat(client.out()).isEqualTo("HELLO\n");
            client.type("bye");
            client.expectOutput("BYE\n", "the second line");
            client.endInput();
            assertThat(client.expectExit()).isZero();
        }
    }

    @Test
    void seesWindowsLineEndsAsLineFeeds() {
        ClientRun.ClientMain windows = (in, out, err) -> {
            out.print("ready\r\n");
            return in.read() == -1 ? 0 : 1;
        };
        try (LiveClient client = LiveClient.start("windows client", windows, () -> { })) {
            client.expectOutput("ready\n", "its first line");
            client.expectOutput("ready\r\n", "its first line, written the Windows way");
            assertThat(client.out()).isEqualTo("ready\n");
            client.endInput();
            assertThat(client.expectExit()).isZero();
        }
    }

    @Test
    void failsAtOnceWhenTheClientEndedWithoutPrintingWhatWasExpected() {
        try (LiveClient client = LiveClient.start("quitter", (in, out, err) -> 3, () -> { })) {
            assertThat(client.expectExit()).isEqualTo(3);
            assertThatThrownBy(() -> client.expectOutput("anything", "a greeting"))
                    .hasMessageContaining("did not print a greeting").hasMessageContaining("It had already ended");
        }
    }
}
