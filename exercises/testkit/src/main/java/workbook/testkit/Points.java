package workbook.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many points a check is worth in the teacher's grading report (a check without it is worth 1).
 *
 * <p>The report reads it from the check's source, next to its {@code @DisplayName}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Points {

    /** The points, at least 1. */
    int value();
}
