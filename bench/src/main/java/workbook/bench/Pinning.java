package workbook.bench;

import java.io.IOException;

/** Pins a process (every thread it has now, and so every thread it starts later) to some CPUs, with taskset. */
final class Pinning {

    private Pinning() {
    }

    /** Whether taskset can run here (Linux, util-linux installed). */
    static boolean available() {
        try {
            return new ProcessBuilder("taskset", "-p", String.valueOf(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Pins every thread of process {@code pid} to {@code cpus}, a taskset list such as "0" or "0-1". */
    static void pin(long pid, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (taskset.waitFor() != 0) {
            throw new IOException("taskset could not pin process " + pid + " to CPU " + cpus);
        }
    }
}
