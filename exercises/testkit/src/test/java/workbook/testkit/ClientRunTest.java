package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class ClientRunTest {

    @Test
    void capturesOutputAndExitCode() {
        ClientRun run = ClientRun.run("echoer", (in, out, err) -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in));
            out.print("got " + lines.readLine());
            err.print("warn");
            return 3;
        }, "hello\n", () -> { });
        run.assertFinished();
        assertThat(run.out()).isEqualTo("got hello");
        assertThat(run.err()).isEqualTo("warn");
        assertThat(run.exitCode()).isEqualTo(3);
    }

    @Test
    void capturesWindowsLineEndsAsLineFeeds() {
        ClientRun run = ClientRun.run("windows client", (in, out, err) -> {
            out.print("one\r\ntwo\r\n");
            err.print("oops\r\n");
            return 0;
        }, "", () -> { }).assertFinished();
        assertThat(run.out()).isEqualTo("one\ntwo\n");
        assertThat(run.err()).isEqualTo("oops\n");
        assertThat(run.printed()).doesNotContain("0d");
    }

    @Test
    void aStuckClientIsUnblockedAndReportedWithWhereItWaited() {
        CountDownLatch release = new CountDownLatch(1);
        ClientRun run = ClientRun.run("waiter", (in, out, err) -> {
            out.print(">>: ");
            release.await();
            err.print("Socket closed");
            return 0;
        }, "", Duration.ofMillis(300), release::countDown);
        assertThatThrownBy(run::assertFinished)
                .hasMessageContaining("did not finish within")
                .hasMessageContaining("It was waiting")
                .hasMessageContaining("3e 3e 3a 20")
                .hasMessageContaining("after the check had closed the connection at its time-out (so this part is"
                        + " caused by the check, not by your code):\n  text \"Socket closed\"");
    }
}
