package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class FixtureThreadsTest {

    @Test
    void aThreadThatCannotStopFailsAsAnAssertionNamingTheFixture() {
        CountDownLatch release = new CountDownLatch(1);
        FixtureThreads threads = new FixtureThreads("stubborn-fixture");
        threads.start("ignores-interrupts", () -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // a fixture bug: it goes on waiting
                }
            }
        });
        try {
            assertThatThrownBy(threads::close).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("The testkit's stubborn-fixture")
                    .hasMessageContaining("stubborn-fixture-ignores-interrupts")
                    .hasMessageContaining("not your code");
        } finally {
            release.countDown();
        }
    }

    @Test
    void nothingStartsOrRegistersOnceClosing() throws Exception {
        FixtureThreads threads = new FixtureThreads("closed-fixture");
        threads.close();
        assertThat(threads.start("late", () -> { })).isFalse();
        java.net.Socket late = new java.net.Socket();
        assertThat(threads.register(late)).isFalse();
        assertThat(late.isClosed()).isTrue();
    }
}
