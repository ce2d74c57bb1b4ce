package workbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Where the bench runs: its folders, the machine's load, and whether Python's yardsticks can run here. */
final class BenchEnv {

    private BenchEnv() {
    }

    /** The bench module's folder, whether this runs from it (as Maven does) or from the workbook's root. */
    static Path benchDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("src/main/python")) ? here : here.resolve("bench");
    }

    /** bench/target. */
    static Path target() {
        return benchDir().resolve("target");
    }

    /** The 1-minute load average from /proc/loadavg, or -1 where there is none: figures mean little on a busy machine. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException unknown) {
            return -1;
        }
    }

    /**
     * A script of {@code bench/src/main/python}, if {@code python3} runs here; otherwise empty, after
     * printing why (the Python figures are then left out of the table).
     */
    static Optional<Path> pythonScript(String name) throws InterruptedException {
        Path script = benchDir().resolve("src/main/python").resolve(name);
        try {
            Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0 && Files.exists(script)) {
                return Optional.of(script);
            }
        } catch (IOException noPython) {
            // reported below
        }
        System.out.println("  (python3 or " + script + " not found: no Python figures)");
        return Optional.empty();
    }

    /**
     * Asks the system to write its dirty pages to disk ({@code sync}, where there is one), untimed:
     * a big file written into the page cache is flushed later, and would slow whichever run came next.
     */
    static void settle() throws InterruptedException {
        try {
            Process sync = new ProcessBuilder("sync").inheritIO().start();
            if (!sync.waitFor(120, TimeUnit.SECONDS)) {
                sync.destroyForcibly();
            }
        } catch (IOException noSync) {
            // not on this system: the figures are a little noisier
        }
    }
}
