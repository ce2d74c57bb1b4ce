package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How ./watch finds a JDK 21+ and when it asks Maven for the classpath again. */
class WatchSetupTest {

    @TempDir
    Path dir;

    private Path jdk(String name, String version) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/java"), "");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    private static String toolchains(Path... homes) {
        StringBuilder xml = new StringBuilder("<toolchains>");
        for (Path home : homes) {
            xml.append("<toolchain><type>jdk</type><configuration><jdkHome>").append(home)
               .append("</jdkHome></configuration></toolchain>");
        }
        return xml.append("</toolchains>").toString();
    }

    @Test
    void aJdkIsFoundInJavaHomeTheRunningJvmOrMavensToolchainsNewestDiscoveredFirst() throws Exception {
        Path java17 = jdk("jdk17", "17.0.15");
        Path java21 = jdk("jdk21", "21.0.4");
        Path java25 = jdk("jdk25", "25.0.3");
        Path userHome = Files.createDirectories(dir.resolve("home/.m2")).getParent();
        Files.writeString(userHome.resolve(".m2/discovered-jdk-toolchains-cache.xml"), toolchains(java17, java21, java25));

        assertThat(Jdks.java(21, Map.of(), userHome, java17)).contains(java25.resolve("bin/java"));
        assertThat(Jdks.java(21, Map.of("JAVA_HOME", java21.toString()), userHome, java17)).contains(java21.resolve("bin/java"));
        assertThat(Jdks.java(21, Map.of(), dir.resolve("nobody"), java25)).contains(java25.resolve("bin/java"));
        assertThat(Jdks.java(21, Map.of("JAVA_HOME", java17.toString()), dir.resolve("nobody"), java17)).isEmpty();
        assertThat(Jdks.feature(jdk("jdk8", "1.8.0_402"))).isEqualTo(8);
    }

    @Test
    void theClasspathIsAskedForAgainWhenMissingGoneOrOlderThanAPom() throws Exception {
        Path root = dir.resolve("workbook");
        Path lesson = Files.createDirectories(root.resolve("exercises/lesson01"));
        Files.createDirectories(root.resolve("exercises/course/target/classes"));
        Path jar = Files.writeString(dir.resolve("junit.jar"), "");
        Files.writeString(lesson.resolve("pom.xml"), "<project/>");
        WatchSetup setup = new WatchSetup(root, "lesson01");
        assertThat(setup.stale()).as("no cache yet").isTrue();

        for (Path file : new Path[] {lesson.resolve("target/watch/classpath.txt"),
                root.resolve("exercises/course/target/watch/classpath.txt")}) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, jar.toString());
        }
        Files.setLastModifiedTime(lesson.resolve("pom.xml"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(setup.stale()).as("fresh cache").isFalse();
        assertThat(setup.read()).containsExactly(jar.toAbsolutePath().normalize());

        Files.setLastModifiedTime(lesson.resolve("pom.xml"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(setup.stale()).as("the POM changed").isTrue();
        Files.setLastModifiedTime(lesson.resolve("pom.xml"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.delete(jar);
        assertThat(setup.stale()).as("a library is gone").isTrue();
    }

    @Test
    void mavenIsAskedToCompileTheMachineryButNotTheLessonsOwnCode() {
        WatchSetup setup = new WatchSetup(dir, "lesson03");
        assertThat(setup.mavenCommand(false)).startsWith("./mvnw").contains("-pl", "lesson03", "compile",
                WatchSetup.DEPENDENCY_PLUGIN, "-Dmdep.includeScope=test")
                .anyMatch(arg -> arg.startsWith("-Dlesson.main=") && arg.endsWith("no-sources"));
        assertThat(setup.mavenCommand(true)).startsWith("cmd", "/c", "mvnw.cmd");
    }
}
