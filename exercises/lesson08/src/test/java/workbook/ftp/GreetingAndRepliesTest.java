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
}
