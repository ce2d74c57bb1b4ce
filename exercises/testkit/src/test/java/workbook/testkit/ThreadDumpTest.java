package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ThreadDumpTest {

    /** Parks until released: a frame of this class marks the thread in the dump. */
    private static void parkUntil(CountDownLatch release) {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void listsAVirtualThreadWhileItRunsAndNotAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread parked = Thread.ofVirtual().name("parked-for-dump").start(() -> parkUntil(release));
        try {
            while (parked.getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(5);
            }
            List<ThreadDump.Entry> found = ThreadDump.take().threadsRunning(f -> f.contains("ThreadDumpTest.parkUntil"));
            assertThat(found).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("parked-for-dump");
                assertThat(t.virtual()).isTrue();
                assertThat(t.describe(f -> f.contains("ThreadDumpTest"))).contains("virtual thread", "parkUntil");
            });
        } finally {
            release.countDown();
            parked.join(2_000);
        }
        assertThat(ThreadDump.take().threadsRunning(f -> f.contains("ThreadDumpTest.parkUntil"))).isEmpty();
    }

    @Test
    void leavesOutTheCallingThread() {
        assertThat(ThreadDump.take().threadsRunning(f -> f.contains("ThreadDumpTest"))).isEmpty();
    }

    @Test
    void parsesTheJdk21Format() {
        ThreadDump dump = ThreadDump.parse(List.of(
                "12345", "2024-01-01T00:00:00Z", "21.0.2+13", "",
                "#1 \"main\"",
                "      java.base/java.lang.Thread.sleep(Thread.java:509)",
                "      workbook.X.main(X.java:3)", "",
                "#23 \"\" virtual",
                "      java.base/java.lang.VirtualThread.park(VirtualThread.java:582)",
                "      - parking to wait for <0x1>",
                "      workbook.Y.run(Y.java:9)"));
        assertThat(dump.threads()).hasSize(2);
        assertThat(dump.threads().get(1).virtual()).isTrue();
        assertThat(dump.threads().get(1).frames()).containsExactly(
                "java.base/java.lang.VirtualThread.park(VirtualThread.java:582)", "workbook.Y.run(Y.java:9)");
    }
}
