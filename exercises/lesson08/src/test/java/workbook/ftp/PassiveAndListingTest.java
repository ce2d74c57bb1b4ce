package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.Diagnostics;
import workbook.testkit.LessonChecks;
import workbook.testkit.Timeouts;
import workbook.testkit.VirtualThreadWarmUp;

/** Step 4: passive data connections (PASV, EPSV) and listings that real clients parse. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class)
@DisplayName("Lesson 08 · FtpServer: passive data connections and LIST (step 4)")
class PassiveAndListingTest {

    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");
    private static final String CHINESE = "\u4f60\u597d\u4e16\u754c.txt"; // 你好世界.txt

    /** alice's home: a.txt (5 bytes), big.bin (70,000), docs/ with one file, and 你好世界.txt. */
    private static void fill(ServerUnderTest server) throws IOException {
        Path home = server.home(ServerUnderTest.ALICE);
        Files.writeString(home.resolve("a.txt"), "hello");
        Files.write(home.resolve("big.bin"), new byte[70_000]);
        Files.writeString(Files.createDirectories(home.resolve("docs")).resolve("inner.txt"), "inner");
        if (ServerUnderTest.canNameInChinese()) {
            Files.writeString(home.resolve(CHINESE), "\u4f60\u597d", StandardCharsets.UTF_8);
        }
    }

    /** The six numbers of a 227 reply. */
    private static int[] pasvNumbers(Raw.Reply reply) {
        Matcher m = PASV.matcher(reply.text());
        if (!m.find()) {
            Diagnostics.snapshot();
            fail("Expected \"227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)\", received:\n" + reply.shown());
        }
        int[] n = new int[6];
        for (int i = 0; i < 6; i++) {
            n[i] = Integer.parseInt(m.group(i + 1));
            assertThat(n[i]).withFailMessage("Each of PASV's six numbers is one byte (0 to 255), received:%n%s",
                    reply.shown()).isBetween(0, 255);
        }
        return n;
    }

    /** Connects to the data port the server announced; fails, explaining the numbers, if nothing listens there. */
    private static Socket dataConnection(String host, int port, String how) throws IOException {
        Socket data = new Socket();
        try {
            data.connect(new InetSocketAddress(host, port), (int) Timeouts.REPLY.toMillis());
            data.setSoTimeout((int) Timeouts.REPLY.toMillis());
            return data;
        } catch (ConnectException e) {
            data.close();
            Diagnostics.snapshot();
            fail("Nothing listens at " + host + ":" + port + ", the data port " + how + " (" + e.getMessage() + ").");
            throw e;
        }
    }

    /** Everything the data connection carries until the server closes it. */
    private static byte[] readAll(Socket data, String what) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (data; InputStream in = data.getInputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            Diagnostics.snapshot();
            fail("The data connection for " + what + " was not closed: after " + all.size() + " bytes nothing more came"
                    + " for " + Ftp.seconds(Timeouts.REPLY) + ". The end of the data is the end of the connection.");
        }
        return all.toByteArray();
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: the PASV reply's six numbers name 127.0.0.1 and the port where the server listens (p1 * 256 + p2)")
    void pasvNumbersMatchTheListeningPort() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            fill(server);
            raw.greeting();
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            for (int round = 1; round <= 3; round++) {
                Raw.Reply pasv = raw.must(227, "PASV");
                int[] n = pasvNumbers(pasv);
                String host = n[0] + "." + n[1] + "." + n[2] + "." + n[3];
                assertThat(host).withFailMessage("PASV should announce the address the client reached (127.0.0.1),"
                        + " received:%n%s", pasv.shown()).isEqualTo("127.0.0.1");
                int port = n[4] * 256 + n[5];
                Socket data = dataConnection(host, port, "PASV announced: p1 * 256 + p2 = " + n[4] + " * 256 + " + n[5]
                        + " (p1 is the port's high byte, p2 its low byte; the other way round it would be "
                        + (n[5] * 256 + n[4]) + ")");
                Raw.Reply started = raw.command("NLST");
                assertThat(started.code()).withFailMessage("Expected 150 (or 125) to NLST on the data connection,"
                        + " received:%n%s", started.shown()).isIn(125, 150);
                String names = new String(readAll(data, "NLST"), StandardCharsets.UTF_8);
                Raw.expectCode(raw.reply("\"226 ...\" after the listing"), 226, "the end of NLST");
                assertThat(names).as("NLST's data through the PASV port (round %d)", round).contains("a.txt")
                        .contains("big.bin").contains("docs").contains("\r\n");
            }
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: EPSV answers 229 (|||port|) and that port carries the listing")
    void epsv() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            fill(server);
            raw.greeting();
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            Raw.Reply epsv = raw.must(229, "EPSV");
            Matcher m = EPSV.matcher(epsv.text());
            if (!m.find()) {
                fail("Expected \"229 Entering Extended Passive Mode (|||port|)\", received:\n" + epsv.shown());
            }
            Socket data = dataConnection("127.0.0.1", Integer.parseInt(m.group(1)), "EPSV announced");
            Raw.Reply started = raw.command("LIST");
            assertThat(started.code()).as("the reply to LIST").isIn(125, 150);
            String listing = new String(readAll(data, "LIST"), StandardCharsets.UTF_8);
            Raw.expectCode(raw.reply("\"226 ...\" after the listing"), 226, "the end of LIST");
            assertThat(listing).as("LIST through the EPSV port").contains("a.txt").contains("docs");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: PORT and EPRT are refused with 502 (passive only) and the session goes on")
    void activeModeRefused() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            Raw.Reply port = raw.must(502, "PORT 127,0,0,1,200,10");
            assertThat(port.lastText()).as("502's text should say why (passive mode only)").isNotBlank();
            raw.must(502, "EPRT |1|127.0.0.1|51210|");
            raw.must(257, "PWD");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: LIST parsed by Commons Net gives each name (UTF-8 too), size and folder")
    void listParsedByCommonsNet() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            fill(server);
            ftp.must(200, "OPTS", "UTF8 ON");
            FTPFile[] files = ftp.client().listFiles();
            ftp.expect(files != null && ftp.client().getReplyCode() == 226, "LIST");
            assertThat(entries(files)).as("LIST of the home, as Commons Net parsed it (name: size, or / for a folder)")
                    .isEqualTo(expected());
            FTPFile[] docs = ftp.client().listFiles("docs");
            assertThat(entries(docs)).as("LIST docs").isEqualTo(Map.of("inner.txt", "5"));
            ftp.must(250, "CWD", "docs");
            assertThat(entries(ftp.client().listFiles())).as("LIST after CWD docs").isEqualTo(Map.of("inner.txt", "5"));
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: MLSD parsed by Commons Net gives types and sizes, NLST just the names")
    void mlsdAndNlst() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            fill(server);
            ftp.must(200, "OPTS", "UTF8 ON");
            FTPFile[] files = ftp.client().mlistDir();
            ftp.expect(files != null && ftp.client().getReplyCode() == 226, "MLSD");
            assertThat(entries(files)).as("MLSD of the home, as Commons Net parsed it").isEqualTo(expected());
            assertThat(Arrays.stream(files).filter(f -> f.getTimestamp() != null).count())
                    .as("MLSD entries with a modify= fact").isEqualTo(files.length);
            String[] names = ftp.client().listNames();
            assertThat(names).as("NLST of the home").containsExactlyInAnyOrderElementsOf(expected().keySet());
            assertThat(ftp.client().listNames("docs")).as("NLST docs")
                    .satisfiesExactly(n -> assertThat(n).endsWith("inner.txt"));
            ftp.must(257, "MKD", "empty");
            assertThat(ftp.client().listFiles("empty")).as("LIST of an empty folder").isEmpty();
            FTPFile[] missing = ftp.client().listFiles("no-such-folder");
            assertThat(ftp.client().getReplyCode() / 100 == 5 || missing.length == 0)
                    .as("LIST of a missing folder: a 550, or nothing").isTrue();
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: the passive port comes from the configured range, and PASV announces the configured address")
    void configuredRangeAndAnnouncedAddress() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        try (var server = ServerUnderTest.with().config(c -> c.withPassivePorts(free, free)).start();
                Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            fill(server);
            for (int round = 1; round <= 2; round++) {
                Raw.Reply reply = new Raw.Reply(ftp.send("PASV", null), List.of(ftp.client().getReplyString()
                        .getBytes(StandardCharsets.UTF_8)));
                int[] n = pasvNumbers(reply);
                assertThat(n[4] * 256 + n[5]).as("PASV's port with the range %d-%d (round %d)", free, free, round)
                        .isEqualTo(free);
                Socket data = dataConnection("127.0.0.1", free, "of the configured range");
                ftp.send("NLST", null);
                assertThat(new String(readAll(data, "NLST"), StandardCharsets.UTF_8)).contains("a.txt");
                ftp.expect(ftp.client().getReply(), 226, "the end of NLST");
            }
        }
        InetAddress announced = InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 7});
        try (var server = ServerUnderTest.with().config(c -> c.withAnnounce(announced)).start();
                Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            int[] n = pasvNumbers(raw.must(227, "PASV"));
            assertThat(n[0] + "." + n[1] + "." + n[2] + "." + n[3]).as("the address PASV announces when configured"
                    + " to announce 203.0.113.7 (a server behind NAT)").isEqualTo("203.0.113.7");
            raw.must(221, "QUIT");
        }
    }

    private static int epsvPort(Raw.Reply reply) {
        Matcher m = EPSV.matcher(reply.text());
        if (!m.find()) {
            fail("Expected \"229 Entering Extended Passive Mode (|||port|)\", received:\n" + reply.shown());
        }
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, String> entries(FTPFile[] files) {
        Map<String, String> map = new TreeMap<>();
        for (FTPFile f : files) {
            String name = f.getName();
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            map.put(name, f.isDirectory() ? "/" : String.valueOf(f.getSize()));
        }
        return map;
    }

    private static Map<String, String> expected() {
        Map<String, String> home = new TreeMap<>(Map.of("a.txt", "5", "big.bin", "70000", "docs", "/"));
        if (ServerUnderTest.canNameInChinese()) {
            home.put(CHINESE, "6");
        }
        return home;
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: LIST without PASV gets 425, a used passive port is gone, a second EPSV replaces the first")
    void dataConnectionMissing() throws Exception {
        try (var server = ServerUnderTest.start(); Raw raw = Raw.connect(server.port())) {
            raw.greeting();
            raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            raw.must(425, "LIST");
            int first = epsvPort(raw.must(229, "EPSV"));
            int second = epsvPort(raw.must(229, "EPSV"));
            Socket data = dataConnection("127.0.0.1", second, "the second EPSV announced");
            Raw.Reply started = raw.command("NLST");
            assertThat(started.code()).as("the reply to NLST after EPSV").isIn(125, 150);
            readAll(data, "NLST");
            Raw.expectCode(raw.reply("\"226 ...\" after NLST"), 226, "the end of NLST");
            raw.must(425, "NLST"); // the passive port is used up: one PASV or EPSV, one transfer
            try (Socket stale = new Socket()) {
                stale.connect(new InetSocketAddress("127.0.0.1", first), (int) Timeouts.REPLY.toMillis());
                stale.setSoTimeout((int) Timeouts.REPLY.toMillis());
                assertThat(stale.getInputStream().read()).as("the first EPSV's port, replaced by the second: closed")
                        .isEqualTo(-1);
            } catch (java.net.SocketException refused) {
                // closed: nothing listens there any more
            }
            raw.must(200, "EPSV ALL");
            raw.must(200, "NOOP");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a passive port in the range that is taken is skipped; a range all taken gets 425 and the session goes on")
    void takenPassivePorts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int p = taken.getLocalPort();
            try (var server = ServerUnderTest.with().config(c -> c.withPassivePorts(p, p)).start();
                    Raw raw = Raw.connect(server.port())) {
                raw.greeting();
                raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
                Raw.Reply r = raw.command("PASV");
                assertThat(r.code()).withFailMessage("Expected 425 to PASV with its only passive port (%d) taken,"
                        + " received:%n%s", p, r.shown()).isEqualTo(425);
                raw.must(257, "PWD");
            }
            int from = p;
            int to = p + 2;
            if (to <= 65535 && free(p + 1) && free(p + 2)) { // a range of three: the first taken, two free
                try (var server = ServerUnderTest.with().config(c -> c.withPassivePorts(from, to)).start();
                        Raw raw = Raw.connect(server.port())) {
                    raw.greeting();
                    raw.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
                    for (int i = 0; i < 8; i++) {
                        int[] n = pasvNumbers(raw.must(227, "PASV"));
                        int port = n[4] * 256 + n[5];
                        assertThat(port).as("PASV's port, with the range %d-%d and %d taken", from, to, p)
                                .isBetween(from + 1, to);
                    }
                }
            }
        }
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: LIST of one file, LIST -la, dates (an old file shows its year), MLSD modify= and MDTM in UTC")
    void datesAndSingleFiles() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            fill(server);
            Path home = server.home(ServerUnderTest.ALICE);
            java.time.Instant old = java.time.Instant.parse("2019-03-04T05:06:07Z");
            Files.setLastModifiedTime(home.resolve("a.txt"), java.nio.file.attribute.FileTime.from(old));
            java.time.Instant recent = java.time.Instant.now().minus(java.time.Duration.ofHours(2))
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            Files.setLastModifiedTime(home.resolve("big.bin"), java.nio.file.attribute.FileTime.from(recent));
            FTPFile[] one = ftp.client().listFiles("a.txt");
            assertThat(one).as("LIST a.txt (one file)").hasSize(1);
            assertThat(one[0].getName()).endsWith("a.txt");
            assertThat(one[0].getSize()).isEqualTo(5);
            java.util.Calendar t = one[0].getTimestamp();
            assertThat(t.get(java.util.Calendar.YEAR) + "-" + (t.get(java.util.Calendar.MONTH) + 1) + "-"
                    + t.get(java.util.Calendar.DAY_OF_MONTH)).as("the date LIST shows for a file from 2019-03-04")
                    .isEqualTo("2019-3-4");
            FTPFile[] la = ftp.client().listFiles("-la docs");
            assertThat(entries(la)).as("LIST -la docs").isEqualTo(Map.of("inner.txt", "5"));
            FTPFile big = Arrays.stream(ftp.client().listFiles()).filter(f -> f.getName().equals("big.bin")).findFirst()
                    .orElseThrow();
            java.time.ZonedDateTime shown = java.time.ZonedDateTime.ofInstant(recent, java.time.ZoneOffset.UTC);
            java.util.Calendar b = big.getTimestamp();
            assertThat(b.get(java.util.Calendar.HOUR_OF_DAY) + ":" + b.get(java.util.Calendar.MINUTE) + " "
                    + b.get(java.util.Calendar.DAY_OF_MONTH)).as("time and day LIST shows for a file two hours old (UTC)")
                    .isEqualTo(shown.getHour() + ":" + shown.getMinute() + " " + shown.getDayOfMonth());
            for (long days : new long[] {-200, 60}) { // half a year old, or in the future: ls shows the year
                java.time.Instant when = java.time.Instant.now().plus(java.time.Duration.ofDays(days));
                Files.setLastModifiedTime(home.resolve("docs/inner.txt"), java.nio.file.attribute.FileTime.from(when));
                FTPFile[] inner = ftp.client().listFiles("docs");
                java.time.ZonedDateTime utc = java.time.ZonedDateTime.ofInstant(when, java.time.ZoneOffset.UTC);
                java.util.Calendar c = inner[0].getTimestamp();
                assertThat(c.get(java.util.Calendar.YEAR) + "-" + (c.get(java.util.Calendar.MONTH) + 1) + "-"
                        + c.get(java.util.Calendar.DAY_OF_MONTH)).as("the date LIST shows for a file modified %d days"
                        + " from now (ls shows the year, not the time, for dates over half a year old or in the future)",
                        days).isEqualTo(utc.getYear() + "-" + utc.getMonthValue() + "-" + utc.getDayOfMonth());
            }
            FTPFile[] mlsd = ftp.client().mlistDir();
            FTPFile a = Arrays.stream(mlsd).filter(f -> f.getName().equals("a.txt")).findFirst().orElseThrow();
            assertThat(a.getTimestamp().toInstant()).as("MLSD's modify= for a.txt (UTC)").isEqualTo(old);
            assertThat(ftp.must(213, "MDTM", "a.txt").strip()).as("MDTM a.txt").isEqualTo("213 20190304050607");
            ftp.expect(ftp.send("MLSD", "a.txt") / 100 == 5, "(expected 501) MLSD of a file");
            ftp.expect(ftp.send("MDTM", "docs") / 100 == 5, "(expected 550) MDTM of a folder");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: MLST gives one file's facts on the control connection, parsed by Commons Net")
    void mlst() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            fill(server);
            FTPFile a = ftp.client().mlistFile("a.txt");
            ftp.expect(a != null, "MLST a.txt");
            assertThat(a.getSize()).as("the size MLST a.txt gives").isEqualTo(5);
            assertThat(a.isFile()).as("MLST a.txt: a file").isTrue();
            FTPFile docs = ftp.client().mlistFile("docs");
            ftp.expect(docs != null, "MLST docs");
            assertThat(docs.isDirectory()).as("MLST docs: a folder").isTrue();
            ftp.expect(ftp.send("MLST", "missing.txt") / 100 == 5, "(expected 550) MLST of a missing file");
            ftp.must(250, "MLST", null);
        }
    }
}
