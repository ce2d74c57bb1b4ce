package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import workbook.testkit.LessonChecks;

/** The Gantt chart, drawn from a timeline made by hand (no simulator involved). */
@LessonChecks
@DisplayName("Lesson 06 · Gantt chart (step 1)")
class GanttChartTest {

    /**
     * Two CPUs, 12 time units: A computes, waits for I/O on a held CPU, computes; B computes,
     * does I/O, comes back on the other CPU after a switch; C only computes.
     */
    static Timeline handMade() {
        List<Job> jobs = Runs.jobs("A=2,3,1", "B=2,4,3", "C@1=4");
        Timeline.Builder b = new Timeline.Builder(jobs, 2);
        String cpu0 = "AA___A~BBB..";
        String cpu1 = "BB.CCCC.....";
        for (int t = 0; t < 12; t++) {
            b.record(0, slot(cpu0.charAt(t), t < 5 ? "A" : "B"));
            b.record(1, slot(cpu1.charAt(t), "B"));
        }
        for (int t = 2; t < 5; t++) {
            b.io("A", t);
        }
        for (int t = 2; t < 6; t++) {
            b.io("B", t);
        }
        return b.finished("A", 6).finished("B", 10).finished("C", 7).build();
    }

    private static Slot slot(char mark, String switchedTo) {
        return switch (mark) {
            case '.' -> Slot.IDLE;
            case '~' -> Slot.switchTo(switchedTo);
            case '_' -> Slot.held("A");
            default -> Slot.run(String.valueOf(mark));
        };
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the text chart: a scale every 5 units, a row per CPU, a row per job with I/O")
    void textChart() {
        assertThat(GanttChart.text(handMade())).isEqualTo("""
                time   0    5    10
                CPU 0  AA___A~BBB..
                CPU 1  BB.CCCC.....
                I/O A    ===
                I/O B    ====
                """);
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the SVG chart is well-formed XML with a cell for every CPU slot and I/O unit")
    void svgChart() throws Exception {
        String svg = GanttSvg.svg(handMade(), "a hand-made <timeline> & more");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("rect").getLength()).as("rectangles: 2 x 12 slots + 7 I/O units at least")
                .isGreaterThanOrEqualTo(2 * 12 + 7);
        assertThat(svg).contains(">CPU 0<", ">CPU 1<", ">I/O A<", ">I/O B<", "a hand-made &lt;timeline&gt; &amp; more")
                .as("a picture the book can show offline").doesNotContain("href", "<script", "@import");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the text chart's labels line up from CPU 0 to CPU 10, and a long scale keeps a space between numbers")
    void labelsAndLongScale() {
        String ten = GanttChart.text(Runs.run(Runs.jobs("A=1"), Policy.serial(), 10));
        assertThat(ten.lines().toList()).as("ten CPUs").startsWith("time   0", "CPU 0  A").endsWith("CPU 9  .");
        String eleven = GanttChart.text(Runs.run(Runs.jobs("A=1"), Policy.serial(), 11));
        assertThat(eleven.lines().toList()).as("eleven CPUs: the labels grow by one column")
                .startsWith("time    0", "CPU 0   A").endsWith("CPU 9   .", "CPU 10  .");
        String scale = GanttChart.text(Runs.run(Runs.jobs("A=10012"), Policy.serial(), 1)).lines().findFirst().orElseThrow();
        assertThat(scale).as("the end of the scale of a 10,012-unit run").endsWith(" 9990 9995 10000     10010");
        assertThat(scale.indexOf("10010")).as("where 10010 is written").isEqualTo("time   ".length() + 10010);
    }
}
