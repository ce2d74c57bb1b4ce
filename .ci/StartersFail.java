import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Proves the first promise's second half: every lesson's STARTER fails its checks, once for each
 * bug it carries.
 *
 * <p>Run after `mvn test -Dmaven.test.failure.ignore=true` on the starters. For every lesson
 * module under exercises/, every `TODO(step N)` in the starter's src/main/java must be matched by
 * at least one check named "Step N: ..." that FAILED in the Surefire XML reports. A lesson whose
 * starter has no TODO, has no reports (it did not compile or run), or passes a TODO step, fails.
 *
 * <p>Usage (any JDK 17+): java .ci/StartersFail.java exercises
 */
public class StartersFail {

    private static final Pattern TODO = Pattern.compile("TODO\\(step (\\d+)\\)");
    private static final Pattern STEP = Pattern.compile("^Step (\\d+):");

    record Check(String name, boolean failed) {
    }

    public static void main(String[] args) throws Exception {
        Path exercises = Path.of(args.length > 0 ? args[0] : "exercises");
        List<Path> lessons;
        try (Stream<Path> dirs = Files.list(exercises)) {
            lessons = dirs.filter(d -> d.getFileName().toString().matches("lesson\\d\\d")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        System.out.printf("%-9s %6s %7s  %-22s %s%n", "lesson", "checks", "failed", "TODO steps", "verdict");
        for (Path lesson : lessons) {
            String name = lesson.getFileName().toString();
            Map<Integer, String> todos = todoSteps(lesson.resolve("src/main/java"));
            List<Check> checks = checks(lesson.resolve("target/surefire-reports"));
            long failed = checks.stream().filter(Check::failed).count();
            List<String> lessonProblems = new ArrayList<>();
            if (todos.isEmpty()) {
                lessonProblems.add(name + ": the starter has no TODO(step N) marker: which bugs does it carry?");
            }
            if (checks.isEmpty()) {
                lessonProblems.add(name + ": no Surefire report: the starter or its checks did not compile or run");
            }
            for (Map.Entry<Integer, String> todo : todos.entrySet()) {
                int step = todo.getKey();
                List<Check> ofStep = checks.stream().filter(c -> stepOf(c.name()) == step).toList();
                if (ofStep.isEmpty()) {
                    lessonProblems.add(name + ": no check is named \"Step " + step + ": ...\" for " + todo.getValue());
                } else if (ofStep.stream().noneMatch(Check::failed)) {
                    lessonProblems.add(name + ": the starter passes every check of step " + step + " although "
                            + todo.getValue() + " marks a bug there");
                }
            }
            System.out.printf("%-9s %6d %7d  %-22s %s%n", name, checks.size(), failed, new TreeSet<>(todos.keySet()),
                    lessonProblems.isEmpty() ? "ok: every bug is caught" : "NOT OK");
            problems.addAll(lessonProblems);
        }
        if (lessons.isEmpty()) {
            problems.add("no lesson modules found under " + exercises.toAbsolutePath());
        }
        if (!problems.isEmpty()) {
            System.out.println();
            problems.forEach(p -> System.out.println("FAIL " + p));
            System.exit(1);
        }
        System.out.println("\nEvery starter fails at least one check for each bug it carries.");
    }

    /** Step number to "File.java:line" of its first TODO marker. */
    static Map<Integer, String> todoSteps(Path sources) throws IOException {
        Map<Integer, String> steps = new TreeMap<>();
        if (!Files.isDirectory(sources)) {
            return steps;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = TODO.matcher(lines.get(i));
                while (m.find()) {
                    steps.putIfAbsent(Integer.parseInt(m.group(1)), file.getFileName() + ":" + (i + 1));
                }
            }
        }
        return steps;
    }

    static List<Check> checks(Path reports) throws Exception {
        List<Check> checks = new ArrayList<>();
        if (!Files.isDirectory(reports)) {
            return checks;
        }
        List<Path> xmls;
        try (Stream<Path> list = Files.list(reports)) {
            xmls = list.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        var builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        for (Path xml : xmls) {
            NodeList cases = builder.parse(xml.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                boolean failed = c.getElementsByTagName("failure").getLength() > 0
                        || c.getElementsByTagName("error").getLength() > 0;
                checks.add(new Check(c.getAttribute("name"), failed));
            }
        }
        return checks;
    }

    static int stepOf(String checkName) {
        Matcher m = STEP.matcher(checkName);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
