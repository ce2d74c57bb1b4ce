package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.Patience;
import workbook.testkit.VirtualThreadWarmUp;

/** Step 1: the control connection's lines, seen byte by byte on a plain socket. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class)
@DisplayName("Lesson 08 · FtpServer: greeting and replies (step 1)")
class GreetingAndRepliesTest {

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the greeting is a 220 line ending in CR LF, and so are the replies to SYST and NOOP")
    void greetingEndsInCrLf() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            Raw.Reply greeting = raw.reply("the greeting (\"220 ...\" ending in CR LF)");
            Raw.expectCrLf(greeting, "the greeting");
            Raw.expectCode(greeting, 220, "a new connection (the greeting)");
            Raw.Reply syst = raw.must(215, "SYST");
            Raw.expectCrLf(syst, "the reply to SYST");
            Raw.Reply noop = raw.must(200, "NOOP");
            Raw.expectCrLf(noop, "the reply to NOOP");
            assertThat(server.server().address()).as("address() of a server bound to 127.0.0.1, port 0")
                    .isEqualTo(Loopback.address(server.port()));
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: FEAT is a multi-line 211 reply listing UTF8, EPSV, PASV, SIZE, REST STREAM, MLST and HASH")
    void featIsMultiLine() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            Raw.Reply feat = raw.must(211, "FEAT");
            Raw.expectCrLf(feat, "the reply to FEAT");
            List<String> lines = feat.lines().stream()
                    .map(l -> new String(l, StandardCharsets.UTF_8).strip()).toList();
            assertThat(lines.size()).withFailMessage("FEAT's reply should be multi-line (211-..., one feature a line,"
                    + " 211 End), received:%n%s", feat.shown()).isGreaterThan(2);
            assertThat(new String(feat.lines().get(0), StandardCharsets.UTF_8)).as("FEAT's first line")
                    .startsWith("211-");
            for (String feature : List.of("UTF8", "EPSV", "PASV", "SIZE", "REST STREAM", "MLST", "HASH")) {
                assertThat(lines.subList(1, lines.size() - 1))
                        .withFailMessage("FEAT should list %s (one feature a line, after a space), received:%n%s",
                                feature, feat.shown())
                        .anyMatch(l -> l.toUpperCase().startsWith(feature));
            }
            raw.must(200, "NOOP"); // the multi-line reply was complete: the next reply is NOOP's
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: unknown and malformed commands get a 5xx reply and the session goes on")
    void unknownAndMalformedCommands() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            Raw.Reply before = raw.command("XYZZY");
            assertThat(before.code() / 100).withFailMessage("Expected a 5xx reply to an unknown command before login"
                    + " (500, 502 or 530), received:%n%s", before.shown()).isEqualTo(5);
            raw.must(200, "NOOP");
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            for (String line : List.of("XYZZY", "HELLO world", "123", "NOOP\u00e9\u00e9 x", "\u4f60\u597d")) {
                Raw.Reply r = raw.command(line);
                Raw.expectCrLf(r, "the reply to an unknown command");
                assertThat(r.code()).withFailMessage("Expected 500 or 502 (unknown command) to \"%s\", received:%n%s",
                        Raw.visible(line.getBytes(StandardCharsets.UTF_8)), r.shown()).isIn(500, 502);
                raw.must(200, "NOOP");
            }
            for (String line : List.of("TYPE Q", "REST abc", "REST -5", "MODE Z", "STRU X")) {
                Raw.Reply r = raw.command(line);
                assertThat(r.code() / 100).withFailMessage("Expected a 5xx reply (501 or 504: bad argument) to"
                        + " \"%s\", received:%n%s", line, r.shown()).isEqualTo(5);
                raw.must(200, "NOOP");
            }
            raw.must(200, "TYPE I");
            raw.must(200, "TYPE A");
            raw.must(257, "PWD");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a line longer than the limit gets 500 and the session goes on")
    void overLongLine() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            Raw.Reply r = raw.command("USER " + "a".repeat(5000));
            Raw.expectCode(r, 500, "a line of 5,007 bytes (the default limit is 4,096)");
            raw.must(200, "NOOP");
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
        }
        try (var server = ServerUnderTest.with().config(c -> c.withMaxLineLength(64)).start();
                Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            Raw.expectCode(raw.command("USER " + "b".repeat(70)), 500, "a line of 77 bytes (the limit set to 64)");
            raw.must(200, "NOOP");
            Raw.expectCode(raw.command("USER " + "c".repeat(50)), 331, "a line of 57 bytes (the limit set to 64)");
            Raw.expectCode(raw.command("NOOP " + "d".repeat(200)), 500, "a line of 207 bytes (the limit set to 64)");
            raw.must(200, "NOOP");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a command ended by a bare LF is understood, and its reply still ends in CR LF")
    void bareLfTolerated() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            raw.sendBytes("NOOP\n".getBytes(StandardCharsets.US_ASCII));
            Raw.Reply r = raw.reply("the reply to NOOP sent with a bare LF");
            Raw.expectCode(r, 200, "NOOP ended by a bare LF");
            Raw.expectCrLf(r, "the reply to NOOP");
            raw.sendBytes("noop\r\nsyst\n".getBytes(StandardCharsets.US_ASCII));
            Raw.expectCode(raw.reply("the reply to noop (lower case)"), 200, "noop (commands are case-insensitive)");
            Raw.expectCode(raw.reply("the reply to syst"), 215, "syst sent in the same packet as noop");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a session silent for longer than the idle limit gets 421 and is closed; a busy one is not")
    void idleTimeout() throws Exception {
        Duration limit = Patience.scaled(1_000);
        try (var server = ServerUnderTest.with().config(c -> c.withIdleLimit(limit)).start();
                Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            for (int i = 0; i < 5; i++) { // a command every 0.4 limits keeps the session alive past the limit
                Thread.sleep(limit.toMillis() * 2 / 5);
                raw.must(200, "NOOP");
            }
            Raw.Reply r = raw.reply("\"421 ...\" after " + Ftp.seconds(limit) + " without a command (the idle limit)");
            Raw.expectCode(r, 421, "a session idle for longer than the limit");
            Raw.expectCrLf(r, "the 421 reply");
            raw.expectClosed("the 421 reply");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: QUIT is answered 221 and the connection closed; close() ends the other sessions")
    void quitAndClose() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port());
                Raw other = Raw.connect(server.port())) {
            raw.greeting();
            other.greeting();
            Raw.expectCrLf(raw.must(221, "QUIT"), "the reply to QUIT");
            raw.expectClosed("QUIT");
            other.must(200, "NOOP");
            server.server().close();
            other.expectClosed("FtpServer.close() (closing the server ends the sessions it has open)");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: HELP is a multi-line 214; MODE S, STRU F, TYPE I, A, L 8, OPTS get 200; a missing argument gets 501")
    void smallCommands() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            Raw.Reply help = raw.must(214, "HELP");
            Raw.expectCrLf(help, "the reply to HELP");
            assertThat(help.lines().size()).as("lines in the reply to HELP (multi-line)").isGreaterThan(1);
            raw.must(200, "OPTS UTF8 ON");
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            for (String line : List.of("MODE S", "STRU F", "TYPE I", "TYPE A", "TYPE L 8", "TYPE A N", "type i",
                    "OPTS HASH SHA-256", "OPTS UTF8", "OPTS utf8 on", "OPTS MLST type;size;")) { // ftplib sends the last
                raw.must(200, line);
            }
            Raw.Reply hashOption = raw.must(200, "OPTS HASH");
            assertThat(hashOption.text()).as("the reply to OPTS HASH names the algorithm").contains("SHA-256");
            Raw.Reply unknownOption = raw.command("OPTS NO-SUCH-OPTION");
            assertThat(unknownOption.code() / 100).as("the reply to an unknown OPTS").isEqualTo(5);
            for (String line : List.of("ABOR", "ALLO 1000")) {
                Raw.Reply r = raw.command(line);
                assertThat(r.code() / 100).withFailMessage("Expected a 2xx reply to \"%s\" (nothing to abort or to"
                        + " allocate), received:%n%s", line, r.shown()).isEqualTo(2);
            }
            for (String verb : List.of("CWD", "MKD", "RMD", "DELE", "RNFR", "RNTO", "SIZE", "HASH", "RETR", "STOR",
                    "APPE", "REST")) {
                Raw.Reply r = raw.command(verb);
                assertThat(r.code()).withFailMessage("Expected 501 (an argument is needed) to a bare \"%s\", received:%n%s",
                        verb, r.shown()).isEqualTo(501);
            }
            Raw.Reply acct = raw.command("ACCT x");
            assertThat(acct.code()).as("the reply to ACCT (not implemented)").isIn(500, 502);
            raw.must(257, "PWD");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a line of exactly the limit is served (CR LF not counted), one byte more gets 500")
    void lineLengthBoundary() throws Exception {
        try (var server = ServerUnderTest.with().config(c -> c.withMaxLineLength(64)).start();
                Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            Raw.expectCode(raw.command("USER " + "e".repeat(59)), 331, "a line of exactly 64 bytes + CR LF (limit 64)");
            raw.sendBytes(("USER " + "f".repeat(59) + "\n").getBytes(StandardCharsets.US_ASCII));
            Raw.expectCode(raw.reply("the reply to 64 bytes + LF"), 331, "a line of exactly 64 bytes + LF (limit 64)");
            Raw.expectCode(raw.command("USER " + "g".repeat(60)), 500, "a line of 65 bytes + CR LF (limit 64)");
            raw.must(200, "NOOP");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: bytes that are not UTF-8 get a 5xx reply, and a CR inside an argument never breaks a reply line")
    void oddBytes() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            raw.sendBytes(new byte[] {'S', 'I', 'Z', 'E', ' ', (byte) 0xff, (byte) 0xfe, '\r', '\n'});
            Raw.Reply r = raw.reply("the reply to SIZE with bytes ff fe (not UTF-8)");
            assertThat(r.code() / 100).withFailMessage("Expected a 5xx reply to bytes that are not UTF-8, received:%n%s",
                    r.shown()).isEqualTo(5);
            raw.must(200, "NOOP");
            Raw.Reply cr = raw.command("SIZE a\rb.txt");
            byte[] bytes = cr.bytes();
            long crs = 0;
            for (byte b : bytes) {
                crs += b == '\r' ? 1 : 0;
            }
            assertThat(crs).withFailMessage("The reply to \"SIZE a<CR>b.txt\" must be one line with one CR (before its"
                    + " LF); a CR copied from the argument breaks the reply. Received:%n%s", cr.shown()).isEqualTo(1);
            raw.must(200, "NOOP");
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: FtpConfig.defaults has the documented defaults, and nonsense settings are refused")
    void configDefaults() throws Exception {
        java.nio.file.Path homes = java.nio.file.Path.of("homes");
        java.nio.file.Path users = java.nio.file.Path.of("users.txt");
        FtpConfig d = FtpConfig.defaults(homes, users);
        assertThat(d.bind().getPort()).as("default port").isEqualTo(2121);
        assertThat(d.bind().getAddress().isLoopbackAddress()).as("binds loopback by default").isTrue();
        assertThat(d.idleLimit()).as("default idle limit").isEqualTo(Duration.ofSeconds(300));
        assertThat(d.failedLoginDelay()).as("default failed-login delay").isEqualTo(Duration.ofSeconds(1));
        assertThat(d.maxLoginFailures()).as("default login failures").isEqualTo(3);
        assertThat(d.maxLineLength()).as("default line length").isEqualTo(4096);
        assertThat(d.passiveFrom() + d.passiveTo()).as("default passive range (0-0: any)").isZero();
        assertThat(d.announce()).as("default announced address (the control socket's)").isNull();
        FtpConfig all = d.withPassivePorts(50000, 50099).withIdleLimit(Duration.ofSeconds(9))
                .withFailedLoginDelay(Duration.ZERO).withMaxLoginFailures(1).withMaxLineLength(16)
                .withAnnounce(java.net.InetAddress.getLoopbackAddress()).withBind(Loopback.anyPort());
        assertThat(all).isEqualTo(new FtpConfig(Loopback.anyPort(), homes, users, 50000, 50099,
                java.net.InetAddress.getLoopbackAddress(), Duration.ofSeconds(9), Duration.ZERO, 1, 16));
        List<Runnable> nonsense = List.of(() -> d.withPassivePorts(0, 10), () -> d.withPassivePorts(10, 9),
                () -> d.withPassivePorts(1, 65536), () -> d.withIdleLimit(Duration.ZERO),
                () -> d.withIdleLimit(Duration.ofSeconds(-1)), () -> d.withFailedLoginDelay(Duration.ofMillis(-1)),
                () -> d.withMaxLoginFailures(0), () -> d.withMaxLineLength(15));
        for (Runnable r : nonsense) {
            org.assertj.core.api.Assertions.assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(d.withPassivePorts(1, 65535).passiveTo()).isEqualTo(65535);
        assertThat(d.withPassivePorts(7, 7).passiveFrom()).isEqualTo(7);
    }
}
