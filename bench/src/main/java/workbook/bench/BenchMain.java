package workbook.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the workbook's benchmarks in one JVM, prints one table, writes the TSV.
 *
 * <pre>
 *   java [-Dbench.docs=DIR] workbook.bench.BenchMain RESULTS.tsv [group ...]     (no group: all of them)
 *
 *   groups: upload (lesson 03), udp (lesson 04), echo (lesson 05), ftp (lesson 08)
 *   -Dbench.docs=../lessons   also write lessons/_bench-GROUP.adoc, the figures the lesson texts show
 * </pre>
 */
public final class BenchMain {

    /** Every benchmark group, in the order of the lessons (each a {@link Benchmark} with a public no-argument constructor). */
    private static final List<String> ALL = List.of(
            "workbook.bench.UploadBench",
            "workbook.bench.UdpEchoBench",
            "workbook.bench.EchoBench",
            "workbook.bench.FtpBench");

    /** Where to write the figure pages for the lesson texts (-Dbench.docs=../lessons), or blank for nowhere. */
    private static final String DOCS = System.getProperty("bench.docs", "");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: BenchMain RESULTS.tsv [group ...]");
            System.exit(2);
        }
        Path tsv = Path.of(args[0]);
        Set<String> wanted = Arrays.stream(args).skip(1).filter(a -> !a.isBlank()).collect(Collectors.toSet());
        Results results = new Results();
        for (String className : ALL) {
            Benchmark benchmark = load(className);
            if (benchmark == null) {
                System.out.println("(not built yet: " + className + ")");
                continue;
            }
            if (wanted.isEmpty() || wanted.contains(benchmark.name())) {
                System.out.println("Running " + benchmark.name() + " ...");
                int before = results.figures().size();
                benchmark.run(results);
                if (!DOCS.isBlank()) {
                    List<Results.Figure> mine = results.figures().subList(before, results.figures().size());
                    FigurePages.write(Path.of(DOCS), benchmark.name(), mine);
                }
            }
        }
        System.out.println();
        System.out.print(results.table());
        results.writeTsv(tsv);
        System.out.println("\nWrote " + tsv);
    }

    private static Benchmark load(String className) throws ReflectiveOperationException {
        try {
            return (Benchmark) Class.forName(className).getConstructor().newInstance();
        } catch (ClassNotFoundException notYet) {
            return null;
        }
    }
}
