package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.NodeList;

/**
 * Finds a JDK of a given version or newer the way the build does: {@code JAVA_HOME}, the JDK running this
 * tool, then Maven's toolchains ({@code ~/.m2/toolchains.xml}, and the JDKs maven-toolchains-plugin found on
 * its own, cached in {@code ~/.m2/discovered-jdk-toolchains-cache.xml}).
 */
final class Jdks {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)(?:\\.(\\d+))?", Pattern.MULTILINE);

    private Jdks() {
    }

    /** The {@code java} launcher of the first JDK found whose version is {@code feature} or newer. */
    static Optional<Path> java(int feature, Map<String, String> env, Path userHome, Path runningJavaHome) {
        List<Path> homes = new ArrayList<>();
        if (env.get("JAVA_HOME") != null && !env.get("JAVA_HOME").isBlank()) {
            homes.add(Path.of(env.get("JAVA_HOME")));
        }
        homes.add(runningJavaHome);
        homes.addAll(toolchainHomes(userHome.resolve(".m2/toolchains.xml")));
        List<Path> discovered = new ArrayList<>(toolchainHomes(userHome.resolve(".m2/discovered-jdk-toolchains-cache.xml")));
        discovered.sort(Comparator.comparingInt(Jdks::feature).reversed()); // the newest the plugin found first
        homes.addAll(discovered);
        return homes.stream().filter(home -> feature(home) >= feature).map(Jdks::launcher).filter(Files::isRegularFile)
                .findFirst();
    }

    /** The JDK's feature version (21 for 21.0.4, 8 for 1.8.0) from its {@code release} file; 0 if unknown. */
    static int feature(Path jdkHome) {
        try {
            Matcher m = VERSION.matcher(Files.readString(jdkHome.resolve("release"), StandardCharsets.UTF_8));
            if (!m.find()) {
                return 0;
            }
            int first = Integer.parseInt(m.group(1));
            return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static Path launcher(Path jdkHome) {
        Path unix = jdkHome.resolve("bin/java");
        return Files.exists(unix) ? unix : jdkHome.resolve("bin/java.exe");
    }

    /** Every {@code <jdkHome>} of a Maven toolchains file (none if there is no such file or it does not parse). */
    static List<Path> toolchainHomes(Path toolchainsXml) {
        List<Path> homes = new ArrayList<>();
        if (!Files.isRegularFile(toolchainsXml)) {
            return homes;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList found = factory.newDocumentBuilder().parse(toolchainsXml.toFile()).getElementsByTagName("jdkHome");
            for (int i = 0; i < found.getLength(); i++) {
                homes.add(Path.of(found.item(i).getTextContent().strip()));
            }
        } catch (Exception unreadable) {
            // a broken toolchains file is Maven's business; look elsewhere
        }
        return homes;
    }
}
