package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The IDE run configurations in the repository are the ones the lessons call for. */
class IdeConfigsTest {

    /** The workbook this module belongs to: exercises/course is two levels down. */
    private static final Path WORKBOOK = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void theCommittedConfigurationsAreUpToDate() throws Exception {
        Map<Path, String> expected = IdeConfigs.generate(WORKBOOK);
        for (Map.Entry<Path, String> file : expected.entrySet()) {
            assertThat(file.getKey()).as("%s (regenerate with: java -cp exercises/course/target/classes"
                    + " workbook.course.IdeConfigs .)", WORKBOOK.relativize(file.getKey())).exists();
            assertThat(Files.readString(file.getKey(), StandardCharsets.UTF_8))
                    .as("%s is out of date (regenerate with: java -cp exercises/course/target/classes"
                            + " workbook.course.IdeConfigs .)", WORKBOOK.relativize(file.getKey()))
                    .isEqualTo(file.getValue());
        }
        try (var run = Files.list(WORKBOOK.resolve(".run"))) {
            assertThat(run.map(WORKBOOK::relativize).map(Path::toString))
                    .as("run configurations that no lesson calls for any more")
                    .allMatch(name -> expected.containsKey(WORKBOOK.resolve(name)));
        }
    }

    @Test
    void everyProgramRunsTheStudentsCodeWhichHasTheSameClass() throws Exception {
        for (Lesson lesson : Lesson.all(WORKBOOK.resolve("exercises"))) {
            for (IdeConfigs.Program program : IdeConfigs.programs(WORKBOOK, lesson)) {
                Path starterFile = lesson.starter().resolve(program.mainClass().replace('.', '/') + ".java");
                assertThat(starterFile).as("the starter of %s has the program %s too", lesson.id(), program.mainClass())
                        .exists();
            }
        }
    }

    @Test
    void everyLessonHasItsChecksAndEveryProgramItsLaunch() throws Exception {
        Map<Path, String> files = IdeConfigs.generate(WORKBOOK);
        String launch = files.get(WORKBOOK.resolve(".vscode/launch.json"));
        for (Lesson lesson : Lesson.all(WORKBOOK.resolve("exercises"))) {
            assertThat(files).containsKey(WORKBOOK.resolve(IdeConfigs.checksFile(lesson)));
            for (IdeConfigs.Program program : IdeConfigs.programs(WORKBOOK, lesson)) {
                assertThat(launch).contains("\"mainClass\": \"" + program.mainClass() + "\"");
                assertThat(files.get(WORKBOOK.resolve(".run/" + program.fileName())))
                        .contains("<module name=\"" + lesson.id() + "\" />");
            }
        }
    }
}
