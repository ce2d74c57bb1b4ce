package workbook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts the system calls one process makes for a while, with Linux's {@code perf stat} and the
 * kernel's {@code raw_syscalls:sys_enter} tracepoint. Where perf is missing or not allowed, the
 * bench says so and goes on without these figures.
 */
final class SyscallCount {

    private static final String EVENT = "raw_syscalls:sys_enter";

    private final Process perf;

    private SyscallCount(Process perf) {
        this.perf = perf;
    }

    /** Whether perf can count system calls here (installed, and the tracepoint allowed). */
    static boolean available() {
        try {
            Process probe = new ProcessBuilder("perf", "stat", "-x", ",", "-e", EVENT, "--", "true")
                    .redirectErrorStream(true).start();
            String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0 && count(said) >= 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts counting the system calls of process {@code pid} for {@code length}. */
    static SyscallCount start(long pid, Duration length) throws IOException {
        String seconds = String.format(java.util.Locale.ROOT, "%.3f", length.toNanos() / 1e9);
        return new SyscallCount(new ProcessBuilder("perf", "stat", "-x", ",", "-e", EVENT, "-p",
                String.valueOf(pid), "--", "sleep", seconds).redirectErrorStream(true).start());
    }

    /** Waits until the count is done, and returns it. */
    long finish() throws IOException, InterruptedException {
        String said = new String(perf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!perf.waitFor(30, TimeUnit.SECONDS) || perf.exitValue() != 0 || count(said) < 0) {
            throw new IOException("perf stat did not count: " + said.strip());
        }
        return count(said);
    }

    /** The count in perf's CSV output ("12345,,raw_syscalls:sys_enter,..."), or -1 if there is none. */
    private static long count(String csv) {
        for (String line : csv.split("\\R")) {
            String[] fields = line.split(",");
            if (fields.length > 2 && fields[2].equals(EVENT) && fields[0].matches("\\d+")) {
                return Long.parseLong(fields[0]);
            }
        }
        return -1;
    }
}
