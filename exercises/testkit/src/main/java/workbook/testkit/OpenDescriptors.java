package workbook.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How {@link LeakCheck} counts the sockets a check left open, in the best way the platform offers.
 *
 * <ul>
 * <li>Linux: {@code /proc/self/fd} names every socket ({@code socket:[inode]}), so only sockets count.</li>
 * <li>macOS (and Linux with {@code -Dtestkit.procfs=false}): {@code UnixOperatingSystemMXBean} counts every
 * open file descriptor; the testkit opens the files the JVM keeps open for good (class path jars, the
 * random device) before the first check, so that what remains new is the check's.</li>
 * <li>Windows: Java offers no count; only the portable checks run ({@link HangUps}, threads), and the
 * testkit says so once.</li>
 * </ul>
 */
abstract class OpenDescriptors {

    /** What the platform lets us see, chosen once. */
    static final OpenDescriptors HERE = choose();

    /** A note for the output, said once, about what cannot be counted here; empty if nothing is missing. */
    abstract String limitation();

    /** An opaque snapshot of what is open now. */
    abstract Object snapshot();

    /** How many sockets (or descriptors) are open now that were not in {@code before}. */
    abstract int newSince(Object before);

    /** "socket" or "file descriptor": what {@link #newSince} counts. */
    abstract String unit();

    private static OpenDescriptors choose() {
        Path fds = Path.of("/proc/self/fd");
        if (Boolean.parseBoolean(System.getProperty("testkit.procfs", "true")) && Files.isDirectory(fds)) {
            return new Procfs(fds);
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix && unix.getOpenFileDescriptorCount() >= 0) {
            return new Count(unix);
        }
        return new None();
    }

    /** Linux: the open sockets by inode, from /proc/self/fd. */
    private static final class Procfs extends OpenDescriptors {
        private final Path fds;

        Procfs(Path fds) {
            this.fds = fds;
        }

        @Override
        String limitation() {
            return "";
        }

        @Override
        Object snapshot() {
            return sockets();
        }

        @Override
        int newSince(Object before) {
            Set<String> now = new HashSet<>(sockets());
            now.removeAll((Set<?>) before);
            return now.size();
        }

        @Override
        String unit() {
            return "socket";
        }

        private Set<String> sockets() {
            try (Stream<Path> list = Files.list(fds)) {
                return list.map(Procfs::target).filter(t -> t.startsWith("socket:")).collect(Collectors.toSet());
            } catch (IOException e) {
                return Set.of();
            }
        }

        private static String target(Path fd) {
            try {
                return Files.readSymbolicLink(fd).toString();
            } catch (IOException e) {
                return ""; // closed while we looked
            }
        }
    }

    /** macOS and other Unixes: the number of open file descriptors of the JVM. */
    private static final class Count extends OpenDescriptors {
        private final com.sun.management.UnixOperatingSystemMXBean unix;

        Count(com.sun.management.UnixOperatingSystemMXBean unix) {
            this.unix = unix;
        }

        @Override
        String limitation() {
            return "No /proc/self/fd here: the leak check counts all open file descriptors of the JVM"
                    + " (UnixOperatingSystemMXBean) instead of naming the open sockets.";
        }

        @Override
        Object snapshot() {
            return unix.getOpenFileDescriptorCount();
        }

        @Override
        int newSince(Object before) {
            return (int) Math.max(0, unix.getOpenFileDescriptorCount() - (Long) before);
        }

        @Override
        String unit() {
            return "file descriptor";
        }
    }

    /** Windows: nothing to count with. */
    private static final class None extends OpenDescriptors {
        @Override
        String limitation() {
            return "Java cannot count open sockets on this platform (no /proc/self/fd, no UnixOperatingSystemMXBean):"
                    + " the leak check still checks that every connection a check hung up was closed by the other"
                    + " side, and that no thread is left running, but not that every other socket was closed.";
        }

        @Override
        Object snapshot() {
            return 0;
        }

        @Override
        int newSince(Object before) {
            return 0;
        }

        @Override
        String unit() {
            return "socket";
        }
    }
}
