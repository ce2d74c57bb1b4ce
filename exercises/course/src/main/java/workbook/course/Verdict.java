package workbook.course;

import java.time.Duration;
import java.util.List;

/**
 * One run of a lesson's checks by {@code ./watch}: the checks' outcomes in the order they ran, or, when the
 * code did not compile, the compiler's errors (and no outcomes).
 *
 * @param results        each check's outcome
 * @param compileErrors  "UpperServer.java:42: ';' expected" and the source line, one entry per error
 * @param took           from the start of the compilation to the last check's end
 * @param compiling      the part of it spent compiling
 */
record Verdict(List<CheckResult> results, List<String> compileErrors, Duration took, Duration compiling) {

    Verdict(List<CheckResult> results, List<String> compileErrors, Duration took) {
        this(results, compileErrors, took, Duration.ZERO);
    }

    boolean compiled() {
        return compileErrors.isEmpty();
    }
}
