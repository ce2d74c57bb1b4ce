package workbook.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * A JDK thread dump that lists virtual threads too, which {@code Thread.getAllStackTraces()} (and so
 * {@link LeakCheck}) cannot see.
 *
 * <pre>{@code
 * List<ThreadDump.Entry> left = ThreadDump.take().threadsRunning(frame -> frame.contains("workbook.socketserver."));
 * }</pre>
 * It asks the JVM for its plain-text dump ({@code HotSpotDiagnosticMXBean.dumpThreads}, Java 21+),
 * which includes every virtual thread the JDK tracks (all of them, unless {@code -Djdk.trackAllThreads=false}).
 */
public final class ThreadDump {

    /** One thread of the dump: its id, name, whether it is virtual, and its frames, innermost first. */
    public record Entry(long id, String name, boolean virtual, List<String> frames) {

        /** Two or more lines: the thread, then its innermost frame and the frames {@code show} accepts. */
        public String describe(Predicate<String> show) {
            StringBuilder s = new StringBuilder((virtual ? "virtual" : "platform") + " thread #" + id + " '" + name + "'");
            for (int i = 0; i < frames.size(); i++) {
                if (i == 0 || show.test(frames.get(i))) {
                    s.append("\n    at ").append(frames.get(i));
                }
            }
            return s.toString();
        }
    }

    /** A thread's first line: {@code #23 "handler-1" virtual ...} (JDK 21 to 25). */
    private static final Pattern HEADER = Pattern.compile("^#(\\d+) \"(.*)\"( virtual)?.*$");

    private final List<Entry> threads;

    private ThreadDump(List<Entry> threads) {
        this.threads = List.copyOf(threads);
    }

    /** Dumps every thread of this JVM, platform and virtual, now. */
    public static ThreadDump take() {
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        try {
            Path dir = Files.createTempDirectory("thread-dump");
            Path file = dir.resolve("threads.txt"); // dumpThreads refuses a file that exists
            try {
                bean.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
                return parse(Files.readAllLines(file));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not dump the threads", e);
        }
    }

    static ThreadDump parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        Matcher current = null;
        List<String> frames = new ArrayList<>();
        for (String line : lines) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                add(entries, current, frames);
                current = header;
                frames = new ArrayList<>();
            } else if (current != null && line.startsWith(" ") && !line.strip().startsWith("- ")) {
                String frame = line.strip();
                frames.add(frame.startsWith("at ") ? frame.substring(3) : frame);
            }
        }
        add(entries, current, frames);
        return new ThreadDump(entries);
    }

    private static void add(List<Entry> entries, Matcher header, List<String> frames) {
        if (header != null) {
            entries.add(new Entry(Long.parseLong(header.group(1)), header.group(2), header.group(3) != null, frames));
        }
    }

    /** Every thread in the dump. */
    public List<Entry> threads() {
        return threads;
    }

    /** The threads, other than the caller, with at least one frame that {@code frame} accepts. */
    public List<Entry> threadsRunning(Predicate<String> frame) {
        long me = Thread.currentThread().threadId();
        return threads.stream()
                .filter(t -> t.id() != me)
                .filter(t -> t.frames().stream().anyMatch(frame))
                .collect(Collectors.toList());
    }
}
