package workbook.multiprogramming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulator on the command line: runs a job set under a policy and prints the Gantt chart
 * and the figures, or compares the three policies side by side.
 *
 * <pre>
 *   SchedulerDemo --policy rr --quantum 2 --switch 1 A=5 B=3 C=1     one run, once
 *   SchedulerDemo --compare --cpus 2 A=2,4,2 B=3,2,1 C@1=5           all three policies
 *   SchedulerDemo                                                    a >>: prompt; type the same
 *                                                                    arguments, one run per line
 * </pre>
 * Without jobs it runs the lesson's first example, A=2,4,2 B=3,2,1.
 */
public final class SchedulerDemo {

    static final String PROMPT = ">>: ";
    static final String USAGE = """
            usage: [--policy serial|multi|rr] [--quantum N] [--switch N] [--cpus N] [--compare] [JOB...]
              JOB is NAME=cpu,io,cpu,... or NAME@arrival=cpu,io,cpu,..., e.g. A=2,4,2 B@3=5
              defaults: --policy multi --quantum 2 --switch 0 --cpus 1, jobs A=2,4,2 B=3,2,1""";

    /** What one command line asks for. */
    record Request(String policy, int quantum, int switchCost, int cpus, boolean compare, List<Job> jobs) {

        Policy toPolicy(String name) {
            Policy p = switch (name) {
                case "serial" -> Policy.serial();
                case "multi", "multiprogramming" -> Policy.multiprogramming();
                case "rr", "round-robin" -> Policy.roundRobin(quantum);
                default -> throw new IllegalArgumentException("no such policy: \"" + name
                        + "\" (serial, multi or rr)");
            };
            return p.withSwitchCost(switchCost);
        }
    }

    private SchedulerDemo() {
    }

    /** Reads the arguments; throws IllegalArgumentException naming the first bad one. */
    static Request parse(List<String> args) {
        String policy = "multi";
        int quantum = 2;
        int switchCost = 0;
        int cpus = 1;
        boolean compare = false;
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--policy" -> policy = value(args, i++);
                case "--quantum" -> quantum = number(args, i++);
                case "--switch" -> switchCost = number(args, i++);
                case "--cpus" -> cpus = number(args, i++);
                case "--compare" -> compare = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option: " + arg);
                    }
                    jobs.add(Job.parse(arg));
                }
            }
        }
        Request request = new Request(policy, quantum, switchCost, cpus, compare,
                jobs.isEmpty() ? GanttFigures.IO_PAIR : jobs);
        request.toPolicy(policy); // a bad name or number fails now, not halfway through the output
        return request;
    }

    private static String value(List<String> args, int i) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(args.get(i) + " needs a value");
        }
        return args.get(i + 1);
    }

    private static int number(List<String> args, int i) {
        String text = value(args, i);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args.get(i) + " needs a whole number, not \"" + text + "\"");
        }
    }

    /** Runs one command line; returns the exit code (0, or 2 for bad arguments). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Request r = parse(args);
            List<String> policies = r.compare() ? List.of("serial", "multi", "rr") : List.of(r.policy());
            List<String> summary = new ArrayList<>();
            for (String name : policies) {
                Policy policy = r.toPolicy(name);
                Timeline timeline = Simulator.run(r.jobs(), policy, r.cpus());
                Report report = Report.of(timeline);
                out.printf("%s, on %d CPU%s: %s%n%n", policy, r.cpus(), r.cpus() == 1 ? "" : "s",
                        String.join(" ", r.jobs().stream().map(Job::notation).toList()));
                out.print(GanttChart.text(timeline));
                out.println("(" + GanttChart.LEGEND + ")");
                out.println();
                out.print(report.table());
                out.println();
                summary.add(String.format(Locale.ROOT, "%-40s %7d  %10.1f%%  %14.1f  %11.1f", policy,
                        report.elapsed(), 100 * report.utilisation(), report.averageTurnaround(),
                        report.averageWaiting()));
            }
            if (r.compare()) {
                out.printf("%-40s %7s  %11s  %14s  %11s%n", "policy", "elapsed", "utilisation", "avg turnaround",
                        "avg waiting");
                summary.forEach(out::println);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    /** The interactive demo: one command line per input line, at a {@code >>: } prompt, until EOF. */
    public static int interact(InputStream keyboard, PrintStream out, PrintStream err) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8));
        out.println("Scheduler simulator. Type arguments, e.g. --policy rr --quantum 2 A=5 B=3 C=1 (Ctrl-D ends).");
        out.println(USAGE);
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = lines.readLine();
            if (line == null) {
                out.println();
                return 0;
            }
            if (line.isBlank()) {
                continue;
            }
            run(List.of(line.strip().split("\\s+")), out, err);
        }
    }

    public static void main(String[] args) throws IOException {
        int code = args.length == 0
                ? interact(System.in, System.out, System.err)
                : run(List.of(args), System.out, System.err);
        System.exit(code);
    }
}
