package workbook.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of lesson checks: a failing step prints its hint, no check may leave a
 * thread or socket behind, and its time-outs follow {@code -Dchecks.patience}.
 *
 * <pre>{@code
 * @LessonChecks
 * @DisplayName("Lesson 01 · UpperServer")
 * class UpperServerTest {
 *     @Test @Tag("step:3") @DisplayName("Step 3: the server serves three clients one after another")
 *     void servesClientsOneAfterAnother() throws Exception { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({StepHints.class, LeakCheck.class, PatientTimeouts.class})
public @interface LessonChecks {
}
