package workbook.multiprogramming;

import java.util.List;
import java.util.Locale;

/**
 * Draws a timeline as an SVG Gantt chart, the picture of {@link GanttChart}'s text: the same rows,
 * one coloured cell per time unit, a time scale and a legend. Self-contained (no fonts, scripts or
 * links to fetch), so the book shows it offline.
 */
public final class GanttSvg {

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2",
        "#edc948", "#ff9da7", "#9c755f", "#79706e"};
    private static final int CELL = 26;
    private static final int ROW = 30;
    private static final int LEFT = 70;
    private static final int TOP = 34;
    private static final int LEGEND_WIDTH = 580;

    private GanttSvg() {
    }

    /** The chart with {@code title} above it. */
    public static String svg(Timeline timeline, String title) {
        List<Job> withIo = timeline.jobs().stream().filter(j -> j.ioTime() > 0).toList();
        int rows = timeline.cpus() + withIo.size();
        int width = Math.max(LEFT + timeline.elapsed() * CELL + 20, LEGEND_WIDTH);
        int height = TOP + rows * ROW + 70;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"14\">%n", width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, 8, 22, "start", "bold", escape(title));
        for (int cpu = 0; cpu < timeline.cpus(); cpu++) {
            int y = TOP + cpu * ROW;
            text(svg, 8, y + 19, "start", "normal", "CPU " + cpu);
            for (int t = 0; t < timeline.elapsed(); t++) {
                cell(svg, t, y, timeline.slot(cpu, t), colour(timeline, timeline.slot(cpu, t).job()));
            }
        }
        for (int i = 0; i < withIo.size(); i++) {
            String job = withIo.get(i).name();
            int y = TOP + (timeline.cpus() + i) * ROW;
            text(svg, 8, y + 19, "start", "normal", "I/O " + job);
            for (int t = 0; t < timeline.elapsed(); t++) {
                if (timeline.inIo(job, t)) {
                    rect(svg, t, y, colour(timeline, job), "0.45", "");
                }
            }
        }
        scale(svg, timeline.elapsed(), TOP + rows * ROW);
        legend(svg, TOP + rows * ROW + 50);
        return svg.append("</svg>\n").toString();
    }

    private static void cell(StringBuilder svg, int t, int y, Slot slot, String colour) {
        switch (slot.activity()) {
            case RUN -> {
                rect(svg, t, y, colour, "1", "");
                text(svg, LEFT + t * CELL + CELL / 2, y + 19, "middle", "bold", slot.job(), "white");
            }
            case SWITCH -> {
                rect(svg, t, y, "#9e9e9e", "1", "");
                text(svg, LEFT + t * CELL + CELL / 2, y + 19, "middle", "bold", "~", "white");
            }
            case HELD -> rect(svg, t, y, colour, "0.18", " stroke=\"" + colour + "\" stroke-dasharray=\"3 2\"");
            case IDLE -> rect(svg, t, y, "#f2f2f2", "1", "");
        }
    }

    private static void rect(StringBuilder svg, int t, int y, String fill, String opacity, String extra) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\""
                + " fill-opacity=\"%s\"%s/>%n", LEFT + t * CELL + 1, y + 2, CELL - 2, ROW - 4, fill, opacity, extra));
    }

    private static void scale(StringBuilder svg, int elapsed, int y) {
        int step = elapsed <= 30 ? 1 : 5;
        for (int t = 0; t <= elapsed; t += step) {
            int x = LEFT + t * CELL;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>%n",
                    x, y, x, y + 6));
            text(svg, x, y + 20, "middle", "normal", String.valueOf(t));
        }
    }

    private static void legend(StringBuilder svg, int y) {
        String[][] items = {{"#4e79a7", "1", "runs a job"}, {"#9e9e9e", "1", "~ switch"},
            {"#4e79a7", "0.18", "held, waiting for I/O"}, {"#f2f2f2", "1", "idle"}, {"#4e79a7", "0.45", "I/O"}};
        int x = 8;
        for (String[] item : items) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\""
                    + " fill-opacity=\"%s\" stroke=\"#999\"/>%n", x, y - 12, item[0], item[1]));
            text(svg, x + 19, y, "start", "normal", item[2]);
            x += 19 + 7 * item[2].length() + 22;
        }
    }

    private static String colour(Timeline timeline, String job) {
        for (int i = 0; i < timeline.jobs().size(); i++) {
            if (timeline.jobs().get(i).name().equals(job)) {
                return COLOURS[i % COLOURS.length];
            }
        }
        return "#cccccc";
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, String weight, String content) {
        text(svg, x, y, anchor, weight, content, "#222");
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, String weight, String content,
            String fill) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-weight=\"%s\""
                + " fill=\"%s\">%s</text>%n", x, y, anchor, weight, fill, content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
