package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.LessonChecks;
import workbook.testkit.VirtualThreadWarmUp;

/** Step 2: USER and PASS against the users file, and what a session may do before it logs in. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class)
@DisplayName("Lesson 08 · FtpServer: login (step 2)")
class LoginTest {

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: the right password logs in with 230 (Commons Net's login), and PWD is then \"/\"")
    void rightPasswordLogsIn() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.connect()) {
            ftp.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            assertThat(ftp.client().printWorkingDirectory()).as("PWD right after login (the home is \"/\")")
                    .isEqualTo("/");
            for (String[] again : new String[][] {{"PASS", ServerUnderTest.PASSWORD}}) {
                int code = ftp.send(again[0], again[1]); // any answer, but the session goes on, still alice's
                assertThat(code).as("the reply to %s once logged in", again[0]).isBetween(200, 599);
                assertThat(ftp.client().printWorkingDirectory()).as("PWD after %s once logged in", again[0])
                        .isEqualTo("/");
            }
            ftp.logout();
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a wrong password, an empty one and an unknown user all get 530, and nothing works after")
    void wrongPasswordRefused() throws Exception {
        try (var server = ServerUnderTest.with().config(c -> c.withMaxLoginFailures(10)).start();
                Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            String[][] attempts = {
                {ServerUnderTest.ALICE, "open sesame!"}, {ServerUnderTest.ALICE, "OPEN SESAME"},
                {ServerUnderTest.ALICE, ""}, {ServerUnderTest.ALICE, "open sesam"}, {"nobody", ServerUnderTest.PASSWORD},
{ServerUnderTest.BOB, "x"},
            };
            for (String[] attempt : attempts) {
                Raw.Reply user = raw.command("USER " + attempt[0]);
                assertThat(user.code()).withFailMessage("Expected 331 (password required) to USER %s, even for a"
                        + " user that does not exist (not to tell who does), received:%n%s", attempt[0], user.shown())
                        .isEqualTo(331);
                Raw.Reply pass = raw.command("PASS " + attempt[1]);
                assertThat(pass.code()).withFailMessage("USER %s with PASS \"%s\" must be refused with 530, received:%n%s",
                        attempt[0], attempt[1], pass.shown()).isEqualTo(530);
                Raw.Reply pwd = raw.command("PWD");
                assertThat(pwd.code()).withFailMessage("After a refused login, PWD must get 530, received:%n%s",
                        pwd.shown()).isEqualTo(530);
            }
            raw.login(ServerUnderTest.BOB, ServerUnderTest.PASSWORD);
            raw.must(257, "PWD");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: before login every command but USER, PASS, QUIT, FEAT, SYST, NOOP, OPTS, HELP gets 530")
    void nothingBeforeLogin() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            for (String line : List.of("PWD", "CWD /", "CDUP", "LIST", "NLST", "MLSD", "RETR secret.txt", "STOR x.txt",
                    "APPE x.txt", "DELE x.txt", "MKD d", "RMD d", "RNFR a", "RNTO b", "SIZE x.txt", "HASH x.txt",
                    "PASV", "EPSV", "TYPE I", "REST 5")) {
                Raw.Reply r = raw.command(line);
                assertThat(r.code()).withFailMessage("Before login, \"%s\" must get 530 (please log in), received:%n%s",
                        line, r.shown()).isEqualTo(530);
            }
            raw.must(200, "NOOP");
            raw.must(215, "SYST");
            raw.must(211, "FEAT");
            Raw.Reply pass = raw.command("PASS " + ServerUnderTest.PASSWORD);
            assertThat(pass.code()).withFailMessage("PASS before any USER must be refused (503 or 530), received:%n%s",
                    pass.shown()).isIn(503, 530);
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            Files.writeString(server.home(ServerUnderTest.ALICE).resolve("x.txt"), "12345");
            raw.must(213, "SIZE x.txt");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: after the configured number of failed logins the server says 421 and closes the connection")
    void failureLimit() throws Exception {
        for (int limit : new int[] {1, 3}) {
            try (var server = ServerUnderTest.with().config(c -> c.withMaxLoginFailures(limit)).start();
                    Raw raw = Raw.connect(server.port())) {
                raw.greeting();
                for (int i = 1; i < limit; i++) {
                    raw.must(331, "USER " + ServerUnderTest.ALICE);
                    Raw.expectCode(raw.command("PASS wrong" + i), 530, "wrong password " + i + " of " + limit);
                }
                raw.must(331, "USER " + ServerUnderTest.ALICE);
                Raw.Reply last = raw.command("PASS wrong");
                assertThat(last.code()).withFailMessage("After wrong password %d of %d (the limit), expected a 530"
                        + " then a 421, or a 421 at once; received:%n%s", limit, limit, last.shown()).isIn(421, 530);
                if (last.code() == 530) {
                    Raw.expectCode(raw.reply("\"421 ...\" after the last allowed failure"), 421,
                            "the last allowed failure");
                }
                raw.expectClosed("the " + limit + (limit == 1 ? "st" : "rd") + " failed login (the limit)");
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a failed PASS is answered no sooner than the configured delay")
    void failedLoginDelay() throws Exception {
        Duration delay = Duration.ofMillis(400);
        try (var server = ServerUnderTest.with().config(c -> c.withFailedLoginDelay(delay)).start();
                Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            raw.must(331, "USER " + ServerUnderTest.ALICE);
            long start = System.nanoTime();
            Raw.expectCode(raw.command("PASS wrong"), 530, "a wrong password");
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertThat(waited).withFailMessage("The 530 came %d ms after the wrong PASS; the configured delay is"
                    + " %d ms (it slows down whoever guesses passwords)", waited, delay.toMillis())
                    .isGreaterThanOrEqualTo(delay.toMillis() - 20);
        }
    }

    @Test
    @Tag("step:2")
    @Timeout(60)
    @DisplayName("Step 2: Users.add writes name:quota:iterations:salt:hash with a true PBKDF2 hash, and replaces a user")
    void usersFile() throws Exception {
        Path dir = Files.createTempDirectory("lesson08-users-");
        try {
            Path file = dir.resolve("users.txt");
            Users.add(file, "carol", "first".toCharArray(), 12_345, 1_000);
            Users.add(file, "dave", "pw".toCharArray(), 7, 1_000);
            Users.add(file, "carol", "second".toCharArray(), 777, 1_500);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .filter(l -> !l.startsWith("#")).toList();
            assertThat(lines).as("the users file after adding carol, dave, then carol again (replaced)").hasSize(2);
            String carol = lines.stream().filter(l -> l.startsWith("carol:")).findFirst().orElseThrow();
            String[] f = carol.split(":");
            assertThat(f).as("carol's line, name:quotaBytes:iterations:saltBase64:hashBase64").hasSize(5);
            assertThat(f[1]).as("carol's quota (replaced)").isEqualTo("777");
            assertThat(f[2]).as("carol's iterations").isEqualTo("1500");
            byte[] salt = Base64.getDecoder().decode(f[3]);
            byte[] hash = Base64.getDecoder().decode(f[4]);
            assertThat(salt.length).as("salt length in bytes").isGreaterThanOrEqualTo(16);
            assertThat(hash.length).as("hash length in bytes").isGreaterThanOrEqualTo(16);
            byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec("second".toCharArray(), salt, 1500, hash.length * 8)).getEncoded();
            assertThat(hash).as("carol's hash = PBKDF2WithHmacSHA256(\"second\", salt, 1500)").isEqualTo(expected);
            assertThat(Files.readString(file)).as("the users file must not hold a password").doesNotContain("second")
                    .doesNotContain("first");
            String dave = lines.stream().filter(l -> l.startsWith("dave:")).findFirst().orElseThrow();
            assertThat(dave.split(":")[3]).as("two users never share a salt").isNotEqualTo(f[3]);
            Users.add(file, "erin", "pw".toCharArray(), 1);
            String erin = Files.readAllLines(file).stream().filter(l -> l.startsWith("erin:")).findFirst().orElseThrow();
            assertThat(Integer.parseInt(erin.split(":")[2])).as("the default iteration count").isGreaterThanOrEqualTo(600_000);
        } finally {
            ServerUnderTest.deleteTree(dir);
        }
    }

    @Test
    @Tag("step:2")
    @Timeout(60)
    @DisplayName("Step 2: FtpServer adduser NAME QUOTA reads the password from standard input, and that user logs in")
    void addUserCommand() throws Exception {
        Path dir = Files.createTempDirectory("lesson08-adduser-");
        try {
            Path file = dir.resolve("users.txt");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            adduser(file, "frank", "10M", "s3cret pass\n", printed);
            String frank = Files.readAllLines(file).stream().filter(l -> l.startsWith("frank:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for frank in the users file"));
            assertThat(frank.split(":")[1]).as("frank's quota, given as 10M (binary units)").isEqualTo("10485760");
            adduser(file, "gina", "3K", "other\n", printed);
            adduser(file, "hank", "2G", "other\r\n", printed);
            adduser(file, "ivan", "5000", "other", printed);
            adduser(file, "zoe", "0", "read only\n", printed); // a quota of 0: a user who may only download
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("what adduser printed (never the password)")
                    .doesNotContain("s3cret").doesNotContain("other");
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).as("the users file").anyMatch(l -> l.startsWith("gina:3072:"))
                    .anyMatch(l -> l.startsWith("hank:2147483648:")).anyMatch(l -> l.startsWith("ivan:5000:"))
                    .anyMatch(l -> l.startsWith("zoe:0:"));
            FtpConfig config = FtpConfig.defaults(Files.createDirectories(dir.resolve("homes")), file)
                    .withBind(workbook.testkit.Loopback.anyPort());
            try (FtpServer server = FtpServer.start(config); Ftp ftp = Ftp.connect(server.address().getPort())) {
                ftp.login("frank", "s3cret pass");
            }
            try (FtpServer server = FtpServer.start(config); Ftp ftp = Ftp.connect(server.address().getPort())) {
                ftp.login("zoe", "read only"); // a quota of 0 is a user like any other
            }
        } finally {
            ServerUnderTest.deleteTree(dir);
        }
    }

    /** FtpServer's command line (what {@code main} runs, without its System.exit), with a scripted standard input. */
    private static void adduser(Path file, String name, String quota, String typed, ByteArrayOutputStream printed)
            throws Exception {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int status = ServerCommandLine.run(new String[] {"adduser", "--users", file.toString(), name, quota},
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out, out);
        assertThat(status).as("the exit status of adduser %s %s (printed: %s)", name, quota,
                printed.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: broken lines in the users file are skipped, bad names and quotas refused, and no log line holds a password")
    void brokenUsersFileAndLogs() throws Exception {
        java.io.PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        try (var server = ServerUnderTest.with().config(c -> c.withMaxLoginFailures(10)).start()) {
            Path file = server.config().usersFile();
            Users.add(file, "carol", "carol pass".toCharArray(), 5, 1_000);
            String carol = Files.readAllLines(file).stream().filter(l -> l.startsWith("carol:")).findFirst().orElseThrow();
            String[] f = carol.split(":");
            List<String> junk = List.of("", "# a comment", "dave", "dave:1:2", "erin:x:1000:" + f[3] + ":" + f[4],
                    "fred:-1:1000:" + f[3] + ":" + f[4], "gail:5:1000:%%%:" + f[4], "hugo:5:0:" + f[3] + ":" + f[4],
                    "ivy:5:1000:" + f[3] + ":" + f[4] + ":extra");
            List<String> lines = new java.util.ArrayList<>(junk);
            lines.addAll(Files.readAllLines(file));
            Files.write(file, lines);
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            try (Raw raw = Raw.connect(server.port())) {
                raw.greeting();
                for (String name : List.of("dave", "erin", "fred", "gail", "hugo", "ivy")) {
                    raw.must(331, "USER " + name);
                    Raw.Reply r = raw.command("PASS carol pass");
                    assertThat(r.code()).withFailMessage("USER %s has a broken line in the users file and must not log in"
                            + " (530), received:%n%s", name, r.shown()).isEqualTo(530);
                }
                raw.login("carol", "carol pass");
                raw.must(257, "PWD");
            }
        } finally {
            System.setErr(err);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8)).as("what the server logged (never a password)")
                .doesNotContain("carol pass");
        Path dir = Files.createTempDirectory("lesson08-names-");
        try {
            for (String bad : new String[] {"a:b", "", "a b", "../x", "x".repeat(33), "-x"}) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Users.add(dir.resolve("u.txt"), bad, "p".toCharArray(), 1, 1_000))
                        .as("Users.add with the name \"%s\"", bad).isInstanceOf(IllegalArgumentException.class);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> Users.add(dir.resolve("u.txt"), "ok", "p".toCharArray(), -1, 1_000))
                    .as("Users.add with a quota of -1").isInstanceOf(IllegalArgumentException.class);
            Users.add(dir.resolve("u.txt"), "x".repeat(32), "p".toCharArray(), 0, 1_000);
            Users.add(dir.resolve("u.txt"), "a.b-c_d", "p".toCharArray(), 0, 1_000);
            assertThat(Files.readAllLines(dir.resolve("u.txt"))).as("the users file after two good names").hasSize(2);
        } finally {
            ServerUnderTest.deleteTree(dir);
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: the command line refuses bad arguments with status 2 and a usage line, a taken port with status 1")
    void commandLineErrors() throws Exception {
        Path dir = Files.createTempDirectory("lesson08-cli-");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String users = dir.resolve("users.txt").toString();
            String[][] bad = {
                {"adduser", "--users", users, "kim"}, {"adduser", "--users", users, "kim", "5Q"},
                {"adduser", "--users", users, "kim", "-1"}, {"adduser", "--users", users, "kim", ""},
                {"adduser", "--users", users, "kim", "9999999999G"}, {"adduser", "--users"},
                {"adduser", "--color", "red", "kim", "5"}, {"adduser", "--users", users, "kim", "5", "6"},
                {"--port", "abc"}, {"--passive-ports", "5000"}, {"--idle", "x"}, {"extra"},
            };
            for (String[] args : bad) {
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
                int status = ServerCommandLine.run(args, new ByteArrayInputStream("pw\n".getBytes(StandardCharsets.UTF_8)),
                        out, out);
                assertThat(status).as("the exit status of FtpServer %s (printed: %s)", String.join(" ", args), printed)
                        .isEqualTo(2);
                assertThat(printed.toString(StandardCharsets.UTF_8)).as("what FtpServer %s printed", String.join(" ", args))
                        .startsWith("error: ").contains("usage:");
            }
            for (String typed : new String[] {"\n", "", "x".repeat(1025) + "\n"}) {
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
                int status = ServerCommandLine.run(new String[] {"adduser", "--users", users, "kim", "5"},
                        new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out, out);
                assertThat(status).as("adduser with a password of %d characters", typed.strip().length()).isEqualTo(2);
            }
            assertThat(dir.resolve("users.txt")).as("the users file after only refused adduser commands").doesNotExist();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            int status = ServerCommandLine.run(new String[] {"--port", String.valueOf(taken.getLocalPort()), "--homes",
                dir.resolve("homes").toString(), "--users", users, "--passive-ports", "50000-50010", "--announce",
                "127.0.0.1", "--idle", "5", "--bind", "127.0.0.1"}, new ByteArrayInputStream(new byte[0]), out, out);
            assertThat(status).as("the exit status with a port already taken (printed: %s)", printed).isEqualTo(1);
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("what the server printed with its port taken")
                    .contains(String.valueOf(taken.getLocalPort())).doesNotContain("Exception");
            assertThat(ServerCommandLine.quota("0")).isZero();
            assertThat(ServerCommandLine.quota("1k")).isEqualTo(1024);
            assertThat(ServerCommandLine.quota(" 8G ")).isEqualTo(8L << 30);
        } finally {
            ServerUnderTest.deleteTree(dir);
        }
    }
}
