package workbook.bench;

/** One group of measurements (a lesson's figures), run by {@link BenchMain}. */
public interface Benchmark {

    /** A short name to select the group on the command line, such as "upload". */
    String name();

    /** Measures, and records every figure in {@code results}. Must stop every thread and process it starts. */
    void run(Results results) throws Exception;
}
