package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Random job sets for the property checks, each made from a seed, so that a failing one can be
 * replayed alone: {@code mvn test -pl lesson06 -Dlesson06.seed=N} runs only seed N.
 *
 * <p>A set has 1 to 5 jobs of 1 to 3 CPU bursts (1 to 6 units) with I/O bursts (1 to 8 units)
 * between them; about a third of the jobs arrive later than time 0 (up to time 9).
 */
final class RandomJobSets {

    /** How many seeds each property tries, unless {@code -Dlesson06.seed} picks one. */
    static final int CASES = 400;

    /** One random case: its seed, its jobs, and the runs a check made of it (for the report). */
    static final class Case {
        final long seed;
        final List<Job> jobs;
        final int cpus;
        private final List<Supplier<String>> runs = new ArrayList<>(); // drawn only if a check fails

        Case(long seed, List<Job> jobs, int cpus) {
            this.seed = seed;
            this.jobs = jobs;
            this.cpus = cpus;
        }

        /** Runs the case's jobs on its CPUs. */
        Timeline run(Policy policy) {
            return run(policy, cpus);
        }

        /** Runs the case's jobs on {@code cpus} CPUs, keeping the chart for the failure report. */
        Timeline run(Policy policy, int cpus) {
            Timeline timeline = Runs.run(jobs, policy, cpus);
            runs.add(() -> policy + ", " + cpus + " CPU(s), elapsed " + timeline.elapsed() + ":\n"
                    + Runs.indent(GanttChart.text(timeline)) + "    to see it: " + demo(policy, cpus));
            return timeline;
        }

        String demo(Policy policy, int cpus) {
            String name = switch (policy.kind()) {
                case SERIAL -> "serial";
                case MULTIPROGRAMMING -> "multi";
                case ROUND_ROBIN -> "rr --quantum " + policy.quantum();
            };
            return "mvn -q compile exec:exec@demo -pl lesson06 -Dargs=\"--policy " + name + " --switch "
                    + policy.switchCost() + " --cpus " + cpus + " "
                    + jobs.stream().map(Job::notation).collect(Collectors.joining(" ")) + "\"";
        }
    }

    private RandomJobSets() {
    }

    /** The case made from {@code seed}, on 1 to 3 CPUs. */
    static Case make(long seed) {
        Random random = new Random(seed);
        int count = 1 + random.nextInt(5);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] lengths = new int[1 + 2 * random.nextInt(3)];
            for (int b = 0; b < lengths.length; b++) {
                lengths[b] = 1 + random.nextInt(b % 2 == 0 ? 6 : 8);
            }
            int arrival = random.nextInt(3) == 0 ? random.nextInt(10) : 0;
            jobs.add(Job.arriving(String.valueOf((char) ('A' + i)), arrival, lengths));
        }
        return new Case(seed, List.copyOf(jobs), 1 + random.nextInt(3));
    }

    /**
     * Checks {@code property} on {@value #CASES} seeded cases (or only on {@code -Dlesson06.seed});
     * the first case that fails is reported with its seed, its jobs, its charts and how to replay it.
     */
    static void check(String property, Consumer<Case> check) {
        String only = System.getProperty("lesson06.seed");
        long from = only == null ? 1 : Long.parseLong(only);
        long to = only == null ? CASES : from;
        for (long seed = from; seed <= to; seed++) {
            Case c = make(seed);
            try {
                check.accept(c);
            } catch (AssertionError | RuntimeException e) {
                fail("Property: " + property + "\nIt fails for the random job set of seed " + seed + ": "
                        + c.jobs.stream().map(Job::notation).collect(Collectors.joining(" ")) + "\n\n" + e.getMessage() + "\n\nThe runs it made:\n"
                        + c.runs.stream().map(Supplier::get).collect(Collectors.joining("\n")) + "\n\nReplay this seed alone: mvn test -pl lesson06"
                        + " -Dlesson06.seed=" + seed + "\n(" + GanttChart.LEGEND + ")");
            }
        }
    }
}
