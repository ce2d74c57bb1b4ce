package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import workbook.testkit.LessonChecks;

/** The pictures the book shows: what each figure's title says, and that the drawing shows the run. */
@LessonChecks
@Timeout(10)
@DisplayName("Lesson 06 · The lesson's figures")
class FiguresTest {

    record Box(double x, double y, double w, double h, String fill, double opacity) {
        double right() {
            return x + w;
        }
    }

    record Label(double x, double y, String text) {
    }

    record Stroke(double x1, double y1, double x2, double y2) {
    }

    /** An SVG picture read back: its size, its rectangles and its texts. */
    record Picture(double width, double height, List<Box> boxes, List<Label> labels, List<Stroke> strokes) {

        static Picture of(String svg) throws Exception {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            Element root = doc.getDocumentElement();
            List<Box> boxes = new ArrayList<>();
            NodeList rects = doc.getElementsByTagName("rect");
            for (int i = 0; i < rects.getLength(); i++) {
                Element r = (Element) rects.item(i);
                if (r.getAttribute("width").endsWith("%")) {
                    continue; // the background
                }
                String opacity = r.getAttribute("fill-opacity");
                boxes.add(new Box(num(r, "x"), num(r, "y"), num(r, "width"), num(r, "height"), r.getAttribute("fill"),
                        opacity.isEmpty() ? 1 : Double.parseDouble(opacity)));
            }
            List<Label> labels = new ArrayList<>();
            NodeList texts = doc.getElementsByTagName("text");
            for (int i = 0; i < texts.getLength(); i++) {
                Element t = (Element) texts.item(i);
                labels.add(new Label(num(t, "x"), num(t, "y"), t.getTextContent()));
            }
            List<Stroke> strokes = new ArrayList<>();
            NodeList lines = doc.getElementsByTagName("line");
            for (int i = 0; i < lines.getLength(); i++) {
                Element l = (Element) lines.item(i);
                strokes.add(new Stroke(num(l, "x1"), num(l, "y1"), num(l, "x2"), num(l, "y2")));
            }
            return new Picture(num(root, "width"), num(root, "height"), boxes, labels, strokes);
        }

        private static double num(Element e, String attribute) {
            String value = e.getAttribute(attribute);
            return value.isEmpty() ? 0 : Double.parseDouble(value);
        }

        Label label(String text) {
            return labels.stream().filter(l -> l.text().equals(text)).findFirst()
                    .orElseThrow(() -> new AssertionError("no text \"" + text + "\" in the picture: " + labels));
        }

        /** The cells of the row whose name is {@code name} (e.g. "CPU 0"), left to right. */
        List<Box> row(String name) {
            double y = label(name).y() - 5; // inside the row, whatever the font's baseline
            return boxes.stream().filter(b -> b.y() <= y && y <= b.y() + b.h() && b.x() > label(name).x() + 20)
                    .sorted(Comparator.comparingDouble(Box::x)).toList();
        }

        /** The text drawn inside a box, if any. */
        String textIn(Box box) {
            return labels.stream().filter(l -> l.x() > box.x() && l.x() < box.right() && l.y() > box.y()
                    && l.y() < box.y() + box.h()).map(Label::text).findFirst().orElse("");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the SVG chart shows the run: a cell per time unit, in order, marked and coloured by what the CPU did")
    void svgShowsTheRun() throws Exception {
        Timeline timeline = GanttChartTest.handMade(); // CPU 0 AA___A~BBB.., CPU 1 BB.CCCC....., I/O A 2-4, B 2-5
        Picture picture = Picture.of(GanttSvg.svg(timeline, "a hand-made run"));
        assertThat(picture.label("a hand-made run").y()).as("the title is above the rows")
                .isLessThan(picture.label("CPU 0").y());
        List<Box> cpu0 = picture.row("CPU 0");
        List<Box> cpu1 = picture.row("CPU 1");
        assertThat(cpu0).as("CPU 0's cells").hasSize(12);
        assertThat(cpu1).as("CPU 1's cells").hasSize(12);
        assertThat(picture.label("CPU 1").y()).as("CPU 1's row is below CPU 0's").isGreaterThan(picture.label("CPU 0").y());
        for (int t = 1; t < 12; t++) {
            assertThat(cpu0.get(t).x()).as("cell %d starts right of cell %d ends", t, t - 1)
                    .isGreaterThanOrEqualTo(cpu0.get(t - 1).right());
            assertThat(cpu1.get(t).x()).as("CPU 1's cell %d is under CPU 0's", t).isEqualTo(cpu0.get(t).x());
            assertThat(cpu0.get(t).w()).as("every cell is as wide as the others").isEqualTo(cpu0.get(0).w());
        }
        String marks = "AA___A~BBB..";
        for (int t = 0; t < 12; t++) {
            char mark = marks.charAt(t);
            String expected = mark == '~' ? "~" : Character.isLetter(mark) ? String.valueOf(mark) : "";
            assertThat(picture.textIn(cpu0.get(t))).as("the text in CPU 0's cell %d (%s)", t, mark).isEqualTo(expected);
        }
        Box runA = cpu0.get(0);
        Box heldA = cpu0.get(2);
        Box switchB = cpu0.get(6);
        Box runB = cpu0.get(7);
        Box idle = cpu0.get(10);
        Box runC = cpu1.get(3);
        assertThat(heldA.fill()).as("a held cell has its job's colour").isEqualTo(runA.fill());
        assertThat(heldA.opacity()).as("... but paler than a running cell").isLessThan(runA.opacity());
        assertThat(List.of(runA.fill(), runB.fill(), runC.fill(), switchB.fill(), idle.fill()))
                .as("colours of A, B, C, a switch, idle: all different").doesNotHaveDuplicates();
        assertThat(cpu1.get(0).fill()).as("B's colour on CPU 1").isEqualTo(runB.fill());
        List<Box> ioA = picture.row("I/O A");
        List<Box> ioB = picture.row("I/O B");
        assertThat(ioA).extracting(Box::x).as("A's I/O cells: units 2, 3, 4")
                .containsExactly(cpu0.get(2).x(), cpu0.get(3).x(), cpu0.get(4).x());
        assertThat(ioB).extracting(Box::x).as("B's I/O cells: units 2 to 5")
                .containsExactly(cpu0.get(2).x(), cpu0.get(3).x(), cpu0.get(4).x(), cpu0.get(5).x());
        assertThat(ioA.get(0).fill()).as("I/O cells in the job's colour").isEqualTo(runA.fill());
        assertThat(ioB.get(0).fill()).isEqualTo(runB.fill());
        assertThat(picture.label("I/O B").y()).isGreaterThan(picture.label("I/O A").y())
                .isGreaterThan(picture.label("CPU 1").y());
        assertThat(picture.labels()).extracting(Label::text).as("C does no I/O: no I/O row for it")
                .doesNotContain("I/O C");
        assertThat(cpu0.get(0).y() + cpu0.get(0).h()).as("CPU 0's cells end above CPU 1's")
                .isLessThanOrEqualTo(cpu1.get(0).y());
        assertThat(cpu1.get(0).y() + cpu1.get(0).h()).as("CPU 1's cells end above I/O A's")
                .isLessThanOrEqualTo(ioA.get(0).y());
        for (int t = 0; t <= 12; t++) {
            Label tick = picture.label(String.valueOf(t));
            double left = t == 0 ? cpu0.get(0).x() - CELL_GAP : cpu0.get(t - 1).right();
            double right = t == 12 ? cpu0.get(11).right() + CELL_GAP : cpu0.get(t).x();
            assertThat(tick.x()).as("the scale's %d is where time unit %d begins, between the cells", t, t)
                    .isBetween(left, right);
            assertThat(tick.y()).as("the scale is below the rows").isGreaterThan(picture.label("I/O B").y());
            assertThat(picture.strokes()).as("a tick mark at %d, going down from the rows to the number", t)
                    .anyMatch(l -> l.x1() == tick.x() && l.x2() == tick.x() && l.y1() < l.y2() && l.y2() < tick.y()
                            && l.y1() >= ioB.get(0).y() + ioB.get(0).h());
        }
        List<String> legend = List.of("runs a job", "~ switch", "held, waiting for I/O", "idle", "I/O");
        double previousEnd = 0;
        for (String item : legend) {
            Label text = picture.label(item);
            double after = previousEnd;
            assertThat(text.y()).as("the legend's \"%s\" is below the scale", item).isGreaterThan(picture.label("0").y());
            assertThat(picture.boxes()).as("a colour swatch just left of the legend's \"%s\"", item)
                    .anyMatch(b -> b.right() <= text.x() && text.x() - b.right() <= 10 && b.y() <= text.y()
                            && text.y() <= b.y() + b.h() + 3 && b.x() >= after);
            previousEnd = text.x() + 6 * item.length(); // at least 6 px a character at 14 px
            assertThat(previousEnd).as("the legend fits in the picture's width").isLessThanOrEqualTo(picture.width());
        }
        for (Box box : picture.boxes()) {
            assertThat(box.right()).as("every cell fits in the picture's width").isLessThanOrEqualTo(picture.width());
            assertThat(box.y() + box.h()).as("every cell fits in its height").isLessThanOrEqualTo(picture.height());
        }
        for (Label label : picture.labels()) {
            assertThat(label.y()).as("\"%s\" fits in the picture's height", label.text()).isLessThan(picture.height());
        }
    }

    /** The gap between two cells, at most: a scale mark sits in it. */
    private static final double CELL_GAP = 3;

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the SVG scale marks every unit up to 30 units, every fifth one after")
    void scaleSteps() throws Exception {
        Picture thirty = Picture.of(GanttSvg.svg(Runs.run(Runs.jobs("A=30"), Policy.serial(), 1), "thirty"));
        assertThat(thirty.labels().stream().map(Label::text).filter(s -> s.matches("\\d+")).count()).isEqualTo(31);
        Picture more = Picture.of(GanttSvg.svg(Runs.run(Runs.jobs("A=31"), Policy.serial(), 1), "more"));
        assertThat(more.labels().stream().map(Label::text).filter(s -> s.matches("\\d+")).toList())
                .containsExactly("0", "5", "10", "15", "20", "25", "30");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a long run's SVG: a wide picture, and a scale that marks every fifth instant")
    void longRunSvg() throws Exception {
        Timeline timeline = Runs.run(Runs.jobs("A=40"), Policy.serial(), 1);
        Picture picture = Picture.of(GanttSvg.svg(timeline, "forty"));
        List<Box> cells = picture.row("CPU 0");
        assertThat(cells).hasSize(40);
        assertThat(picture.width()).isGreaterThanOrEqualTo(cells.get(39).right());
        assertThat(picture.labels().stream().map(Label::text).filter(s -> s.matches("\\d+")).toList())
                .containsExactly("0", "5", "10", "15", "20", "25", "30", "35", "40");
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: the figures in the lesson text: each title gives the run's policy, CPUs, elapsed time and utilisation")
    void figureTitles() throws Exception {
        List<String> titles = new ArrayList<>();
        for (GanttFigures.Figure figure : GanttFigures.FIGURES) {
            String svg = GanttFigures.draw(figure);
            titles.add(figure.file() + ": " + Picture.of(svg).labels().get(0).text());
        }
        assertThat(titles).as("(these need steps 2 to 4)").containsExactly(
                "lesson06-serial.svg: serial, switch cost 0, 1 CPU: elapsed 14, CPU utilisation 57.1%",
                "lesson06-multiprogramming.svg: multiprogramming, switch cost 0, 1 CPU: elapsed 9, CPU utilisation 88.9%",
                "lesson06-batch-switch-cost.svg: serial, switch cost 1, 1 CPU: elapsed 11, CPU utilisation 81.8%",
                "lesson06-time-sharing.svg: round robin, quantum 2, switch cost 1, 1 CPU: elapsed 14, CPU utilisation 64.3%",
                "lesson06-time-sharing-free.svg: round robin, quantum 2, switch cost 0, 1 CPU: elapsed 9, CPU utilisation 100.0%",
                "lesson06-serial-two-cpus.svg: serial, switch cost 0, 2 CPUs: elapsed 13, CPU utilisation 57.7%",
                "lesson06-multiprogramming-two-cpus.svg: multiprogramming, switch cost 0, 2 CPUs: elapsed 8, CPU utilisation 93.8%",
                "lesson06-anomaly-serial.svg: serial, switch cost 0, 2 CPUs: elapsed 5, CPU utilisation 90.0%",
                "lesson06-anomaly-multiprogramming.svg: multiprogramming, switch cost 0, 2 CPUs: elapsed 6, CPU utilisation 75.0%");
    }
}
