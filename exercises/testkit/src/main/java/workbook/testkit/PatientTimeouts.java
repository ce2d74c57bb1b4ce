package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit's time-outs, scaled by {@code -Dchecks.patience} like every other wait ({@link Patience}).
 *
 * <p>With the default patience it does nothing: JUnit enforces {@code @Timeout} and the default of
 * {@code junit-platform.properties} itself. With another patience it turns JUnit's own time-outs off
 * (before the first check runs) and enforces the same limits, multiplied, the way JUnit's
 * {@code SEPARATE_THREAD} mode does: the check runs on a thread of its own, and one that is still
 * running when its time is up fails, showing where it was.
 *
 * <p>JUnit reads its time-out mode once, at the first check it times, so this extension must exist
 * before that: it is registered for every test class by JUnit's extension auto-detection (see the
 * testkit's {@code junit-platform.properties} and {@code META-INF/services}), and by {@link LessonChecks}.
 */
public final class PatientTimeouts implements InvocationInterceptor {

    private static final String MODE = "junit.jupiter.execution.timeout.mode";
    private static final String DEFAULT = "junit.jupiter.execution.timeout.default";
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(ns|μs|ms|s|m|h|d)?\\s*",
            Pattern.CASE_INSENSITIVE);

    static {
        if (Patience.FACTOR != 1.0 && System.getProperty(MODE) == null) {
            System.setProperty(MODE, "disabled"); // JUnit's own, unscaled; this extension takes over
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        runPatiently(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        runPatiently(invocation, context);
    }

    private static void runPatiently(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (Patience.FACTOR == 1.0) {
            invocation.proceed();
            return;
        }
        Duration limit = Patience.scaled(timeoutOf(context));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread check = new Thread(() -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "junit-patient-check");
        check.setDaemon(true);
        check.start();
        if (!check.join(limit)) {
            StackTraceElement[] where = check.getStackTrace();
            check.interrupt();
            fail("This check did not end within " + limit.toMillis() / 1000.0 + " s (its time-out times the patience "
                    + Patience.FACTOR + "). It was at:\n" + Stacks.show(where));
        }
        if (thrown.get() != null) {
            throw thrown.get();
        }
    }

    /** The check's @Timeout (method, then class, then enclosing classes), else the configured default, else 10 s. */
    static Duration timeoutOf(ExtensionContext context) {
        Optional<Timeout> onMethod = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, Timeout.class));
        if (onMethod.isPresent()) {
            return duration(onMethod.get());
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<Timeout> onClass = AnnotationSupport.findAnnotation(c, Timeout.class);
            if (onClass.isPresent()) {
                return duration(onClass.get());
            }
        }
        return context.getConfigurationParameter(DEFAULT).map(PatientTimeouts::parse).orElse(Duration.ofSeconds(10));
    }

    private static Duration duration(Timeout timeout) {
        return Duration.of(timeout.value(), timeout.unit().toChronoUnit());
    }

    /** JUnit's duration syntax, such as "10 s" or "500 ms"; 10 s if it cannot be read. */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Duration.ofSeconds(10);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(java.util.Locale.ROOT);
        return switch (unit) {
            case "ns" -> Duration.ofNanos(n);
            case "μs" -> Duration.ofNanos(n * 1_000);
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
