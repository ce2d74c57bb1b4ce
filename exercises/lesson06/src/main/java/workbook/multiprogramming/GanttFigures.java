package workbook.multiprogramming;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the Gantt charts of the lesson's worked examples as SVG files. The book's build runs it
 * on the reference solution, so the pictures in the text and slides always show what the
 * simulator really does with these jobs.
 *
 * <pre>
 *   java workbook.multiprogramming.GanttFigures DIR...   writes lesson06-*.svg into every DIR
 * </pre>
 */
public final class GanttFigures {

    // tag::io-pair[]
    /** Compute, wait for I/O, compute. */
    static final List<Job> IO_PAIR = List.of(
            Job.of("A", 2, 4, 2),  // 2 CPU, 4 I/O, 2 CPU
            Job.of("B", 3, 2, 1)); // 3 CPU, 2 I/O, 1 CPU
    // end::io-pair[]

    // tag::cpu-trio[]
    /** Jobs that only compute: long, middling, short. */
    static final List<Job> CPU_TRIO = List.of(
            Job.of("A", 5), Job.of("B", 3), Job.of("C", 1));
    // end::cpu-trio[]

    // tag::mix[]
    /** Four jobs, two arriving later, for two CPUs. */
    static final List<Job> MIX = List.of(
            Job.of("A", 2, 4, 2), Job.of("B", 3, 2, 1),
            Job.arriving("C", 1, 5),       // arrives at 1
            Job.arriving("D", 2, 1, 3, 1)); // arrives at 2
    // end::mix[]

    // tag::anomaly[]
    /** On two CPUs, multiprogramming ends later here. */
    static final List<Job> ANOMALY = List.of(
            Job.of("A", 3), Job.of("B", 1, 1, 3),
            Job.of("C", 2));
    // end::anomaly[]

    /** One picture: a run of some jobs under a policy, on some CPUs. */
    record Figure(String file, List<Job> jobs, Policy policy, int cpus) {
    }

    static final List<Figure> FIGURES = List.of(
            new Figure("lesson06-serial.svg", IO_PAIR, Policy.serial(), 1),
            new Figure("lesson06-multiprogramming.svg", IO_PAIR, Policy.multiprogramming(), 1),
            new Figure("lesson06-batch-switch-cost.svg", CPU_TRIO, Policy.serial().withSwitchCost(1), 1),
            new Figure("lesson06-time-sharing.svg", CPU_TRIO, Policy.roundRobin(2).withSwitchCost(1), 1),
            new Figure("lesson06-time-sharing-free.svg", CPU_TRIO, Policy.roundRobin(2), 1),
            new Figure("lesson06-serial-two-cpus.svg", MIX, Policy.serial(), 2),
            new Figure("lesson06-multiprogramming-two-cpus.svg", MIX, Policy.multiprogramming(), 2),
            new Figure("lesson06-anomaly-serial.svg", ANOMALY, Policy.serial(), 2),
            new Figure("lesson06-anomaly-multiprogramming.svg", ANOMALY, Policy.multiprogramming(), 2));

    private GanttFigures() {
    }

    /** The SVG picture of one figure, with its policy and figures in the title. */
    static String draw(Figure figure) {
        Timeline timeline = Simulator.run(figure.jobs(), figure.policy(), figure.cpus());
        Report report = Report.of(timeline);
        String title = String.format(Locale.ROOT, "%s, %d CPU%s: elapsed %d, CPU utilisation %.1f%%",
                figure.policy(), figure.cpus(), figure.cpus() == 1 ? "" : "s", report.elapsed(),
                100 * report.utilisation());
        return GanttSvg.svg(timeline, title);
    }

    /** Writes every figure into every directory given, creating the directories if need be. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: GanttFigures DIR... (writes lesson06-*.svg into each DIR)");
            System.exit(2);
        }
        for (Figure figure : FIGURES) {
            String svg = draw(figure);
            for (String dir : args) {
                Path file = Files.createDirectories(Path.of(dir)).resolve(figure.file());
                Files.writeString(file, svg, StandardCharsets.UTF_8);
            }
        }
        System.out.println("GanttFigures: wrote " + FIGURES.size() + " charts into " + String.join(", ", args));
    }
}
