package workbook.testkit;

import java.lang.management.ManagementFactory;

/**
 * How many bytes of heap the current thread has allocated so far, to check that code refuses a huge announced
 * length without allocating it.
 *
 * <pre>{@code
 * long before = ThreadAllocation.bytesSoFar();
 * ... code under test ...
 * long allocated = ThreadAllocation.bytesSoFar() - before;   // meaningful only if isSupported()
 * }</pre>
 * HotSpot (every JDK the workbook runs on) can tell; elsewhere {@link #isSupported()} is false
 * and a check should skip the measurement rather than fail.
 */
public final class ThreadAllocation {

    private ThreadAllocation() {
    }

    /** True if the JVM measures allocation per thread. */
    public static boolean isSupported() {
        return bean() != null;
    }

    /** The bytes the current thread has allocated since it started, or -1 if the JVM cannot tell. */
    public static long bytesSoFar() {
        com.sun.management.ThreadMXBean bean = bean();
        return bean == null ? -1 : bean.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean bean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean;
        }
        return null;
    }
}
