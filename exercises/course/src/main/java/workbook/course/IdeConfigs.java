package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Shared IDE run configurations, generated from the lessons so they never fall behind: for every
 * program of every lesson (each class with a {@code main} in the reference solution) and for
 * every lesson's checks.
 *
 * <ul>
 * <li>IntelliJ IDEA: {@code .run/*.run.xml} (Application configurations for the programs, on the
 *     lesson's module, i.e. the student's code; Maven configurations for the checks);</li>
 * <li>VS Code: {@code .vscode/launch.json} (Java launches in the integrated terminal, so the
 *     interactive clients can read the keyboard) and {@code .vscode/tasks.json} (the checks).</li>
 * </ul>
 * Usage: {@code IdeConfigs WORKBOOK_ROOT} rewrites them; the course tools' tests fail if the
 * committed files differ from what this generates.
 */
public final class IdeConfigs {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(");

    /** A runnable program of a lesson. */
    record Program(Lesson lesson, String mainClass) {
        String simpleName() {
            return mainClass.substring(mainClass.lastIndexOf('.') + 1);
        }

        String title() {
            return "Lesson " + lesson.number() + " · " + simpleName();
        }

        /** The file's name is plain ASCII: Java cannot name a '·' under a POSIX (C) locale. */
        String fileName() {
            return lesson.id() + "-" + simpleName() + ".run.xml";
        }
    }

    private IdeConfigs() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Map<Path, String> files = generate(root);
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Files.createDirectories(file.getKey().getParent());
            Files.writeString(file.getKey(), file.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("Wrote " + files.size() + " IDE configuration files.");
    }

    /** Every configuration file, by path, with its content. */
    static Map<Path, String> generate(Path root) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        List<Lesson> lessons = Lesson.all(root.resolve("exercises"));
        List<Program> programs = new ArrayList<>();
        for (Lesson lesson : lessons) {
            programs.addAll(programs(root, lesson));
        }
        for (Program p : programs) {
            files.put(root.resolve(".run/" + p.fileName()), intellijApplication(p));
        }
        for (Lesson lesson : lessons) {
            files.put(root.resolve(checksFile(lesson)), intellijChecks(lesson));
        }
        files.put(root.resolve(".vscode/launch.json"), vscodeLaunch(programs));
        files.put(root.resolve(".vscode/tasks.json"), vscodeTasks(lessons));
        return files;
    }

    /** The IntelliJ configuration that runs a lesson's checks (an ASCII name, like {@link Program#fileName()}). */
    static String checksFile(Lesson lesson) {
        return ".run/" + lesson.id() + "-checks.run.xml";
    }

    /** The classes with a main method in the lesson's reference solution, sorted. */
    static List<Program> programs(Path root, Lesson lesson) throws IOException {
        Path sources = root.resolve("solutions").resolve(lesson.id()).resolve("src/main/java");
        List<Program> found = new ArrayList<>();
        if (!Files.isDirectory(sources)) {
            return found;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher pkg = PACKAGE.matcher(source);
            if (MAIN.matcher(source).find() && pkg.find()) {
                String name = file.getFileName().toString().replace(".java", "");
                found.add(new Program(lesson, pkg.group(1) + "." + name));
            }
        }
        return found;
    }

    static String intellijApplication(Program p) {
        return """
                <component name="ProjectRunConfigurationManager">
                  <configuration default="false" name="%s" type="Application" factoryName="Application" folderName="Lesson %s">
                    <option name="MAIN_CLASS_NAME" value="%s" />
                    <module name="%s" />
                    <method v="2">
                      <option name="Make" enabled="true" />
                    </method>
                  </configuration>
                </component>
                """.formatted(p.title(), p.lesson().number(), p.mainClass(), p.lesson().id());
    }

    static String intellijChecks(Lesson lesson) {
        return """
                <component name="ProjectRunConfigurationManager">
                  <configuration default="false" name="Lesson %s · checks" type="MavenRunConfiguration" factoryName="Maven" folderName="Lesson %s">
                    <MavenSettings>
                      <option name="myGeneralSettings" />
                      <option name="myRunnerSettings" />
                      <option name="myRunnerParameters">
                        <MavenRunnerParameters>
                          <option name="cmdOptions" />
                          <option name="profiles">
                            <set />
                          </option>
                          <option name="goals">
                            <list>
                              <option value="test" />
                              <option value="-pl" />
                              <option value="exercises/%s" />
                            </list>
                          </option>
                          <option name="pomFileName" value="pom.xml" />
                          <option name="profilesMap">
                            <map />
                          </option>
                          <option name="resolveToWorkspace" value="false" />
                          <option name="workingDirPath" value="$PROJECT_DIR$" />
                        </MavenRunnerParameters>
                      </option>
                    </MavenSettings>
                    <method v="2" />
                  </configuration>
                </component>
                """.formatted(lesson.number(), lesson.number(), lesson.id());
    }

    static String vscodeLaunch(List<Program> programs) {
        StringBuilder json = new StringBuilder("{\n  \"version\": \"0.2.0\",\n  \"configurations\": [");
        for (int i = 0; i < programs.size(); i++) {
            Program p = programs.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("""
                        {
                          "type": "java",
                          "name": "%s",
                          "request": "launch",
                          "mainClass": "%s",
                          "projectName": "%s",
                          "console": "integratedTerminal"
                        }""".formatted(p.title(), p.mainClass(), p.lesson().id()).indent(4).stripTrailing());
        }
        return json.append("\n  ]\n}\n").toString();
    }

    static String vscodeTasks(List<Lesson> lessons) {
        StringBuilder json = new StringBuilder("{\n  \"version\": \"2.0.0\",\n  \"tasks\": [");
        for (Lesson lesson : lessons) {
            json.append(lesson.number().equals(lessons.get(0).number()) ? "\n" : ",\n").append("""
                        {
                          "label": "Lesson %s · checks",
                          "type": "shell",
                          "command": "./mvnw test -pl exercises/%s",
                          "windows": { "command": ".\\\\mvnw.cmd test -pl exercises/%s" },
                          "group": "test",
                          "problemMatcher": []
                        }""".formatted(lesson.number(), lesson.id(), lesson.id()).indent(4).stripTrailing());
        }
        json.append(",\n").append("""
                    {
                      "label": "Course progress (every lesson)",
                      "type": "shell",
                      "command": "./progress",
                      "windows": { "command": ".\\\\progress.cmd" },
                      "group": "test",
                      "problemMatcher": []
                    }""".indent(4).stripTrailing());
        return json.append("\n  ]\n}\n").toString();
    }
}
