package workbook.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the checks' outcomes from a module's Surefire XML reports ({@code target/surefire-reports/TEST-*.xml}).
 *
 * <p>The workbook configures Surefire to write display names, so a check's name is its step name:
 * {@code <testcase name="Step 3: three clients..." classname="Lesson 01 · UpperServer ...">}, with a
 * {@code <failure message="...">} or {@code <error>} child when it did not pass.
 */
public final class SurefireReports {

    private SurefireReports() {
    }

    /** The checks of every report in the directory, in file order; empty if there is no such directory. */
    public static List<CheckResult> read(Path reportsDirectory) throws IOException {
        List<CheckResult> results = new ArrayList<>();
        if (!Files.isDirectory(reportsDirectory)) {
            return results;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(reportsDirectory)) {
            files = list.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        for (Path file : files) {
            results.addAll(readFile(file));
        }
        return results;
    }

    static List<CheckResult> readFile(Path file) throws IOException {
        List<CheckResult> results = new ArrayList<>();
        NodeList cases;
        try {
            cases = parser().parse(file.toFile()).getElementsByTagName("testcase");
        } catch (SAXException e) {
            throw new IOException("Not a readable Surefire report: " + file + " (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            CheckResult.Status status = CheckResult.Status.PASSED;
            String message = "";
            for (String tag : new String[] {"failure", "error", "skipped"}) {
                NodeList found = c.getElementsByTagName(tag);
                if (found.getLength() > 0) {
                    Element problem = (Element) found.item(0);
                    status = switch (tag) {
                        case "failure" -> CheckResult.Status.FAILED;
                        case "error" -> CheckResult.Status.ERROR;
                        default -> CheckResult.Status.SKIPPED;
                    };
                    message = problem.hasAttribute("message") ? problem.getAttribute("message") : problem.getTextContent();
                    break;
                }
            }
            results.add(new CheckResult(c.getAttribute("classname"), c.getAttribute("name"), status, message,
                    checkClass(file)));
        }
        return results;
    }

    /** "UpperServerTest" from TEST-workbook.tcp.UpperServerTest.xml (the report's file is named after the class). */
    static String checkClass(Path file) {
        String name = file.getFileName().toString().replaceFirst("^TEST-", "").replaceFirst("\\.xml$", "");
        String simple = name.substring(name.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return nested < 0 ? simple : simple.substring(0, nested);
    }

    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("No XML parser", e);
        }
    }
}
