package workbook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.LessonChecks;

/** The checks for FailureLimit, on a clock the check moves by hand. */
@LessonChecks
@DisplayName("Lesson 07 · FailureLimit (step 3)")
class FailureLimitTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: an address is locked out after its 3rd wrong answer, until a minute after the last one")
    void locksOutAfterMaxFailures() throws Exception {
        FailureLimit limit = new FailureLimit(3, Duration.ofMinutes(1), 100, nanos::get);
        InetAddress a = address(1);
        for (int i = 1; i <= 3; i++) {
            assertThat(limit.isLockedOut(a)).as("locked out after %d wrong answers (the limit is 3)?", i - 1).isFalse();
            limit.recordFailure(a);
        }
        assertThat(limit.isLockedOut(a)).as("locked out after 3 wrong answers?").isTrue();
        assertThat(limit.isLockedOut(address(2))).as("another address, with no wrong answers, locked out?").isFalse();
        advance(Duration.ofSeconds(59));
        assertThat(limit.isLockedOut(a)).as("still locked out 59 s after the last wrong answer?").isTrue();
        advance(Duration.ofSeconds(1));
        assertThat(limit.isLockedOut(a)).as("still locked out 60 s after the last wrong answer?").isFalse();
        limit.recordFailure(a);
        assertThat(limit.isLockedOut(a)).as("locked out after 1 wrong answer once the old ones expired?").isFalse();
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a right answer clears an address's wrong answers")
    void successClears() throws Exception {
        FailureLimit limit = new FailureLimit(2, Duration.ofMinutes(1), 100, nanos::get);
        InetAddress a = address(1);
        limit.recordFailure(a);
        limit.recordSuccess(a);
        limit.recordFailure(a);
        assertThat(limit.isLockedOut(a)).as("locked out after wrong, right, wrong (the limit is 2)?").isFalse();
        limit.recordFailure(a);
        assertThat(limit.isLockedOut(a)).as("locked out after two wrong answers in a row?").isTrue();
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: memory is bounded: the address seen least recently is forgotten first")
    void memoryIsBounded() throws Exception {
        FailureLimit limit = new FailureLimit(1, Duration.ofMinutes(1), 2, nanos::get);
        limit.recordFailure(address(1));
        limit.recordFailure(address(2));
        assertThat(limit.isLockedOut(address(1))).as("address 1 locked out (and now the most recently seen)").isTrue();
        limit.recordFailure(address(3));
        assertThat(limit.remembered()).as("addresses remembered, with room for 2").isEqualTo(2);
        assertThat(limit.isLockedOut(address(2))).as("address 2, the least recently seen, forgotten").isFalse();
        assertThat(limit.isLockedOut(address(1))).as("address 1 still remembered").isTrue();
        assertThat(limit.isLockedOut(address(3))).as("address 3 remembered").isTrue();
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a limit of less than 1 failure or 1 address is refused, naming the value")
    void checksItsArguments() throws Exception {
        assertThatThrownBy(() -> new FailureLimit(0, Duration.ofMinutes(1), 10, nanos::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> new FailureLimit(1, Duration.ofMinutes(1), 0, nanos::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAddresses");
        FailureLimit one = new FailureLimit(1, Duration.ofMinutes(1), 1, nanos::get);
        one.recordFailure(address(9));
        assertThat(one.isLockedOut(address(9))).as("a limit of 1: locked out after one wrong answer").isTrue();
        assertThat(FailureLimit.defaults().isLockedOut(address(1))).as("a new default limit locks nobody out").isFalse();
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }
}
