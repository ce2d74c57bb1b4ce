package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes {@code ./watch}'s results as Surefire would ({@code target/surefire-reports/TEST-<class>.xml}, with
 * the display names), so that {@code ./hint} and the progress table read the latest run, whichever ran it.
 */
final class ReportXml {

    private ReportXml() {
    }

    /** Replaces the reports in {@code reports} by one file per check class (its full name to its checks). */
    static void write(Path reports, Map<String, List<CheckResult>> byClass) throws IOException {
        Files.createDirectories(reports);
        try (Stream<Path> old = Files.list(reports)) {
            for (Path file : old.filter(f -> f.getFileName().toString().startsWith("TEST-")).toList()) {
                Files.delete(file);
            }
        }
        for (Map.Entry<String, List<CheckResult>> c : byClass.entrySet()) {
            List<CheckResult> checks = c.getValue();
            String suite = checks.isEmpty() ? c.getKey() : checks.get(0).suite();
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            xml.append("<testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(checks.size())
               .append("\" failures=\"").append(count(checks, CheckResult.Status.FAILED))
               .append("\" errors=\"").append(count(checks, CheckResult.Status.ERROR))
               .append("\" skipped=\"").append(count(checks, CheckResult.Status.SKIPPED)).append("\">\n");
            xml.append("  <!-- written by ./watch -->\n");
            for (CheckResult r : checks) {
                xml.append("  <testcase name=\"").append(escape(r.name())).append("\" classname=\"")
                   .append(escape(r.suite())).append('"');
                String tag = switch (r.status()) {
                    case FAILED -> "failure";
                    case ERROR -> "error";
                    case SKIPPED -> "skipped";
                    case PASSED -> null;
                };
                if (tag == null) {
                    xml.append("/>\n");
                } else {
                    xml.append(">\n    <").append(tag).append(" message=\"").append(escape(r.message())).append("\"/>\n")
                       .append("  </testcase>\n");
                }
            }
            xml.append("</testsuite>\n");
            Files.writeString(reports.resolve("TEST-" + c.getKey() + ".xml"), xml, StandardCharsets.UTF_8);
        }
    }

    private static long count(List<CheckResult> checks, CheckResult.Status status) {
        return checks.stream().filter(r -> r.status() == status).count();
    }

    /** Text for an XML attribute: markup escaped, line breaks kept, characters XML cannot carry spelled out. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c < 0x20 || c == 0xfffe || c == 0xffff || (c >= 0xd800 && c <= 0xdfff)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
