package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.Diagnostics;
import workbook.testkit.LessonChecks;
import workbook.testkit.VirtualThreadWarmUp;

/**
 * Step 3: every path a client names stays inside its home. The check's folder has a secret next to the
 * homes and bob's files in the home next door (see {@link ServerUnderTest}); alice tries to reach them.
 */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class)
@DisplayName("Lesson 08 · FtpServer: directories and the home jail (step 3)")
class HomeJailTest {

    /** Names that exist only outside alice's home: seeing any of them, from wherever she is, is an escape. */
    private static final List<String> PROBES = List.of("secret.txt", "outside/secret.txt", "bob/bob-secret.txt",
            "bob-secret.txt", "homes/bob/bob-secret.txt", "users.txt");

    /** Paths that try to leave the home; the symbolic link and the absolute paths are added per check. */
    private static List<String> escapes(ServerUnderTest server, boolean link) {
        List<String> paths = new ArrayList<>(List.of("..", "../..", "/..", "/../", "/../..", "../bob", "../../outside",
                "sub/../../..", "/sub/../../../outside", "\\..\\", "..\\..", "..\\..\\outside", "%2e%2e",
                "%2e%2e/%2e%2e", "%2E%2E%2F%2E%2E", "....//....//", "./../.", "..\u0000/..", "\u0000../..", "sub\u0000/../../.."));
        paths.add(server.root().toAbsolutePath().toString());
        paths.add(server.root().resolve("outside").toAbsolutePath().toString());
        paths.add(server.root().resolve("homes").resolve(ServerUnderTest.BOB).toAbsolutePath().toString());
        if (link) {
            paths.add("link");
            paths.add("/link/");
            paths.add("sub/../link");
        }
        return paths;
    }

    /** Makes home/sub and, where the platform allows, home/link pointing at the outside folder. */
    private static boolean prepareHome(ServerUnderTest server) throws IOException {
        Path home = server.home(ServerUnderTest.ALICE);
        Files.createDirectories(home.resolve("sub"));
        Files.writeString(home.resolve("mine.txt"), "alice's own file\n");
        try {
            Files.createSymbolicLink(home.resolve("link"), server.root().resolve("outside").toAbsolutePath());
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // Windows without the right to make links: the other attempts still run
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: MKD, CWD, PWD, CDUP, RNFR/RNTO, DELE and RMD work inside the home, with paths from \"/\"")
    void movesInsideTheHome() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            Path home = server.home(ServerUnderTest.ALICE);
            String mkd = ftp.must(257, "MKD", "docs");
            assertThat(mkd).as("MKD's reply names the new folder").contains("docs");
            assertThat(home.resolve("docs")).as("home/docs after MKD docs").isDirectory();
            ftp.must(257, "MKD", "/docs/deeper");
            assertThat(home.resolve("docs/deeper")).as("home/docs/deeper after MKD /docs/deeper").isDirectory();
            ftp.must(250, "CWD", "docs");
            assertThat(ftp.client().printWorkingDirectory()).as("PWD after CWD docs").isEqualTo("/docs");
            ftp.must(250, "CWD", "deeper");
            assertThat(ftp.client().printWorkingDirectory()).as("PWD after CWD deeper").isEqualTo("/docs/deeper");
            ftp.expect(ftp.client().changeToParentDirectory(), "CDUP");
            assertThat(ftp.client().printWorkingDirectory()).as("PWD after CDUP").isEqualTo("/docs");
            ftp.must(250, "CWD", "../docs/./deeper/..");
            assertThat(ftp.client().printWorkingDirectory()).as("PWD after CWD ../docs/./deeper/..").isEqualTo("/docs");
            Files.writeString(home.resolve("docs/a.txt"), "hello");
            ftp.must(213, "SIZE", "a.txt");
            ftp.must(213, "SIZE", "/docs/a.txt");
            ftp.must(350, "RNFR", "a.txt");
            ftp.must(250, "RNTO", "/b.txt");
            assertThat(home.resolve("b.txt")).as("home/b.txt after RNFR a.txt (in /docs), RNTO /b.txt").hasContent("hello");
            assertThat(home.resolve("docs/a.txt")).as("home/docs/a.txt after the rename").doesNotExist();
            ftp.expect(ftp.send("CWD", "nowhere") / 100 == 5, "(expected a 550) CWD to a folder that does not exist");
            ftp.expect(ftp.send("CWD", "/b.txt") / 100 == 5, "(expected a 550) CWD to a file");
            assertThat(ftp.client().printWorkingDirectory()).as("PWD after two failed CWDs").isEqualTo("/docs");
            ftp.expect(ftp.send("RMD", "/docs") / 100 == 5, "(expected a 550) RMD of a folder that is not empty");
            ftp.must(250, "RMD", "deeper");
            assertThat(home.resolve("docs/deeper")).as("home/docs/deeper after RMD deeper").doesNotExist();
            ftp.must(250, "CWD", "/");
            assertThat(ftp.client().printWorkingDirectory()).as("PWD after CWD /").isEqualTo("/");
            ftp.must(250, "DELE", "b.txt");
            assertThat(home.resolve("b.txt")).as("home/b.txt after DELE b.txt").doesNotExist();
            ftp.expect(ftp.send("DELE", "b.txt") / 100 == 5, "(expected a 550) DELE of a file that is gone");
            ftp.expect(ftp.send("RNTO", "c.txt") / 100 == 5, "(expected a 503) RNTO without RNFR");
            ftp.expect(ftp.send("RNFR", "missing.txt") / 100 == 5, "(expected a 550) RNFR of a missing file");
            ftp.must(250, "RMD", "docs");
            assertThat(home.resolve("docs")).as("home/docs after RMD docs").doesNotExist();
            ftp.send("CDUP", null); // at the top of the home: refused, or kept at "/"
            assertThat(ftp.client().printWorkingDirectory()).as("PWD after CDUP at the top of the home").isEqualTo("/");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: CWD with .., ../.., /.., absolute paths, backslashes, %2e%2e, a symbolic link or a NUL never leaves the home")
    void cwdStaysInside() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            boolean link = prepareHome(server);
            for (String attempt : escapes(server, link)) {
                int code = ftp.send("CWD", attempt);
                String cwdReply = ftp.client().getReplyString();
                for (String probe : PROBES) {
                    if (ftp.send("SIZE", probe) == 213) {
                        Diagnostics.snapshot();
                        fail("Alice left her home: after \"CWD " + Raw.visible(attempt.getBytes(StandardCharsets.UTF_8))
                                + "\" (answered " + code + ") \"SIZE " + probe + "\" found a file that exists only"
                                + " OUTSIDE her home.\nThe CWD reply:\n" + Ftp.show(cwdReply) + "\nPWD now says: "
                                + ftp.client().printWorkingDirectory());
                    }
                }
                ftp.must(257, "PWD", null);
                ftp.must(250, "CWD", "/");
                ftp.must(213, "SIZE", "mine.txt");
            }
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: LIST, NLST, RETR and SIZE of paths outside the home reveal nothing of what is there")
    void readsStayInside() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            ftp.client().setUseEPSVwithIPv4(true); // EPSV: this step's checks do not depend on PASV (step 4)
            boolean link = prepareHome(server);
            for (String attempt : escapes(server, link)) {
                String[] names = ftp.client().listNames(attempt);
                if (names != null) {
                    List<String> leaked = Arrays.stream(names).filter(n -> n.contains("secret") || n.contains("outside")
                            || n.endsWith("homes") || n.endsWith("users.txt") || n.endsWith("bob")).toList();
                    if (!leaked.isEmpty()) {
                        Diagnostics.snapshot();
                        fail("\"NLST " + Raw.visible(attempt.getBytes(StandardCharsets.UTF_8)) + "\" listed names from"
                                + " outside alice's home: " + leaked);
                    }
                }
                ftp.must(200, "NOOP", null);
                for (String file : List.of("secret.txt", "bob-secret.txt", "users.txt")) {
                    String path = attempt.endsWith("/") || attempt.endsWith("\\") ? attempt + file : attempt + "/" + file;
                    if (ftp.send("SIZE", path) == 213) {
                        Diagnostics.snapshot();
                        fail("\"SIZE " + Raw.visible(path.getBytes(StandardCharsets.UTF_8)) + "\" found a file outside"
                                + " alice's home:\n" + ftp.lastReply());
                    }
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    boolean served = ftp.client().retrieveFile(path, got);
                    if (served && new String(got.toByteArray(), StandardCharsets.UTF_8).equals(ServerUnderTest.SECRET)) {
                        Diagnostics.snapshot();
                        fail("\"RETR " + Raw.visible(path.getBytes(StandardCharsets.UTF_8)) + "\" sent the secret"
                                + " kept OUTSIDE alice's home:\n" + Ftp.show(got.toString(StandardCharsets.UTF_8)));
                    }
                }
            }
            String[] own = ftp.client().listNames();
            assertThat(own).as("NLST of alice's own home").isNotNull().anyMatch(n -> n.endsWith("mine.txt"));
        }
    }

    @Test
    @Tag("step:3")
    @Timeout(30)
    @DisplayName("Step 3: STOR, MKD, DELE, RMD and RNFR/RNTO aimed outside the home change nothing outside it")
    void writesStayInside() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            ftp.client().setUseEPSVwithIPv4(true);
            boolean link = prepareHome(server);
            Files.createDirectories(server.root().resolve("empty"));
            Files.createDirectories(server.home(ServerUnderTest.BOB).resolve("empty"));
            Map<String, String> before = server.outsideTheHomes();
            for (String attempt : escapes(server, link)) {
                String base = attempt.endsWith("/") || attempt.endsWith("\\") ? attempt : attempt + "/";
                attemptWrite(server, ftp, before, "STOR", base + "planted.txt");
                attemptWrite(server, ftp, before, "MKD", base + "planted");
                attemptWrite(server, ftp, before, "DELE", base + "secret.txt");
                attemptWrite(server, ftp, before, "DELE", base + "bob-secret.txt");
                attemptWrite(server, ftp, before, "RMD", base + "empty");
                attemptWrite(server, ftp, before, "RNFR", base + "secret.txt");
                attemptWrite(server, ftp, before, "RNFR", base + "bob-secret.txt");
                attemptWrite(server, ftp, before, "RNTO", base + "mine-moved.txt");
            }
            ftp.upload("fine.txt", "inside".getBytes(StandardCharsets.UTF_8));
            assertThat(server.home(ServerUnderTest.ALICE).resolve("fine.txt")).as("an upload to fine.txt (inside)")
                    .hasContent("inside");
        }
    }

    /** One write aimed outside; then nothing outside may have changed and no secret may have come in. */
    private static void attemptWrite(ServerUnderTest server, Ftp ftp, Map<String, String> before, String command,
            String path) throws IOException {
        String shown = command + " " + Raw.visible(path.getBytes(StandardCharsets.UTF_8));
        String reply;
        switch (command) {
            case "STOR" -> {
                ftp.client().storeFile(path, new ByteArrayInputStream("planted".getBytes(StandardCharsets.UTF_8)));
                reply = ftp.client().getReplyString();
            }
            case "RNFR" -> {
                ftp.send("RNFR", path);
                reply = ftp.client().getReplyString();
                ftp.send("RNTO", "stolen.txt");
                reply += ftp.client().getReplyString();
                shown += ", then RNTO stolen.txt";
            }
            case "RNTO" -> {
                Path mine = server.home(ServerUnderTest.ALICE).resolve("mine.txt");
                if (!Files.exists(mine)) { // a server that keeps ".." at "/" may have renamed it inside the home
                    Files.writeString(mine, "alice's own file\n");
                }
                ftp.must(350, "RNFR", "mine.txt");
                ftp.send("RNTO", path);
                reply = ftp.client().getReplyString();
                shown = "RNFR mine.txt, then " + shown;
            }
            default -> {
                ftp.send(command, path);
                reply = ftp.client().getReplyString();
            }
        }
        Map<String, String> after = server.outsideTheHomes();
        if (!after.equals(before)) {
            Diagnostics.snapshot();
            fail("\"" + shown + "\" changed files OUTSIDE alice's home.\n  before: " + before.keySet() + "\n  after:  "
                    + after.keySet() + "\nThe reply:\n" + Ftp.show(reply));
        }
        try (var inside = Files.walk(server.home(ServerUnderTest.ALICE))) {
            for (Path p : (Iterable<Path>) inside::iterator) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.readString(p).equals(ServerUnderTest.SECRET)) {
                    Diagnostics.snapshot();
                    fail("\"" + shown + "\" brought a secret from OUTSIDE into alice's home, as " + p.getFileName()
                            + "\nThe reply:\n" + Ftp.show(reply));
                }
            }
        }
        ftp.must(200, "NOOP", null);
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: the home itself cannot be removed or renamed; RMD of a file, DELE of a folder, MKD of an existing name get 550")
    void refusedOperations() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            Path home = server.home(ServerUnderTest.ALICE);
            Files.writeString(home.resolve("f.txt"), "f");
            Files.createDirectories(home.resolve("d"));
            raw.greeting();
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            for (String line : List.of("RMD /", "RMD .", "RNFR /", "RMD f.txt", "DELE d", "MKD d", "MKD f.txt",
                    "RMD missing", "MKD missing/deeper", "STOR d", "STOR /", "STOR missing/x.txt", "APPE d")) {
                Raw.Reply r = raw.command(line);
                assertThat(r.code()).withFailMessage("Expected 550 to \"%s\", received:%n%s", line, r.shown())
                        .isEqualTo(550);
            }
            assertThat(home).as("the home after RMD / and RNFR /").isDirectory();
            assertThat(home.resolve("f.txt")).as("f.txt after RMD f.txt").hasContent("f");
            assertThat(home.resolve("d")).as("d after DELE d").isDirectory();
            raw.must(257, "PWD");
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: XPWD, XCWD, XCUP, XMKD and XRMD are the old names of PWD, CWD, CDUP, MKD and RMD; PWD doubles a quote")
    void oldNamesAndQuotes() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            String name = quotesAllowed(server) ? "say \"hi\"" : "say hi"; // Windows allows no quote in a name
            raw.must(257, "XMKD " + name);
            assertThat(server.home(ServerUnderTest.ALICE).resolve(name)).as("the folder XMKD made").isDirectory();
            raw.must(250, "XCWD " + name);
            Raw.Reply pwd = raw.must(257, "XPWD");
            assertThat(pwd.text()).as("PWD in a folder named %s (RFC 959: a quote in the name is doubled)", name)
                    .startsWith("257 \"/" + name.replace("\"", "\"\"") + "\"");
            raw.must(250, "XCUP");
            assertThat(raw.must(257, "PWD").text()).startsWith("257 \"/\"");
            raw.must(250, "XRMD " + name);
            assertThat(server.home(ServerUnderTest.ALICE).resolve(name)).doesNotExist();
        }
    }

    private static boolean quotesAllowed(ServerUnderTest server) {
        try {
            Path probe = Files.createDirectory(server.root().resolve("quote\"probe"));
            Files.delete(probe);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
