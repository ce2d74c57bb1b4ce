package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Run with -Dchecks.patience=3 (see the class comment of PatientTimeouts), the 1 s time-out below becomes 3 s. */
@LessonChecks
class PatientTimeoutsTest {

    @Test
    @Timeout(1)
    void aCheckMayTakeItsTimeOutTimesThePatience() throws Exception {
        Thread.sleep(Math.round(Math.min(1.5, 0.5 * Patience.FACTOR) * 1000)); // 0.5 s at patience 1, 1.5 s at 3
        assertThat(Patience.FACTOR).isPositive();
    }

    @Test
    void readsJUnitsDurations() {
        assertThat(PatientTimeouts.parse("10 s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(PatientTimeouts.parse("500 ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(PatientTimeouts.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(PatientTimeouts.parse("nonsense")).isEqualTo(Duration.ofSeconds(10));
    }
}
