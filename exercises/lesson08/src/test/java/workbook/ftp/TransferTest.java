package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.Diagnostics;
import workbook.testkit.FragmentingProxy;
import workbook.testkit.LessonChecks;
import workbook.testkit.Patience;
import workbook.testkit.ProxyPlan;
import workbook.testkit.VirtualThreadWarmUp;

/** Step 5: binary RETR and STOR, SIZE and HASH, files moved whole. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class)
@DisplayName("Lesson 08 · FtpServer: binary transfers (step 5)")
class TransferTest {

    private static final Pattern HASH = Pattern.compile("213 SHA-256 (\\d+)-(\\d+) ([0-9a-fA-F]{64})");

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a RETR ends: all the bytes, then the data connection closed and 226")
    void retrEnds() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            byte[] data = Ftp.data(100_000, 5);
            Files.write(server.home(ServerUnderTest.ALICE).resolve("file.bin"), data);
            for (int round = 1; round <= 2; round++) {
                byte[] got = ftp.download("file.bin");
                assertThat(Ftp.sha256(got)).as("SHA-256 of file.bin as downloaded (round %d)", round)
                        .isEqualTo(Ftp.sha256(data));
            }
            Files.write(server.home(ServerUnderTest.ALICE).resolve("empty.bin"), new byte[0]);
            assertThat(ftp.download("empty.bin")).as("an empty file, downloaded").isEmpty();
            ftp.expect(ftp.send("RETR", "missing.bin") / 100 == 5, "(expected 550) RETR of a missing file");
            ftp.expect(ftp.send("RETR", "/") / 100 == 5, "(expected 550) RETR of a folder");
            ftp.must(200, "NOOP", null);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: small files, an empty one and one named 数据.bin go up and come back identical; STOR replaces")
    void smallFilesRoundTrip() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            ftp.must(200, "OPTS", "UTF8 ON");
            String chinese = "\u6570\u636e.bin";
            List<String> names = new ArrayList<>(List.of("one.bin", "with space.txt"));
            if (ServerUnderTest.canNameInChinese()) {
                names.add(chinese);
            } else {
                // This JVM cannot name the file (ASCII-only file names): the server must say so, and go on.
                ftp.expect(!ftp.client().storeFile(chinese, new java.io.ByteArrayInputStream(new byte[10])),
                        "STOR " + chinese + " refused where the platform cannot name it");
                assertThat(ftp.client().getReplyCode()).as("the reply to STOR %s on a platform with ASCII-only"
                        + " file names (553: file name not allowed)", chinese).isBetween(550, 553);
            }
            for (String name : names) {
                byte[] data = Ftp.data(123_457, name.hashCode());
                ftp.upload(name, data);
                assertThat(server.home(ServerUnderTest.ALICE).resolve(name)).as("home/%s on disk after STOR", name)
                        .hasBinaryContent(data);
                assertThat(ftp.download(name)).as("%s downloaded after the upload", name).isEqualTo(data);
            }
            ftp.upload("empty.bin", new byte[0]);
            assertThat(server.home(ServerUnderTest.ALICE).resolve("empty.bin")).as("an empty upload on disk").isEmptyFile();
            byte[] shorter = "short".getBytes(StandardCharsets.US_ASCII);
            ftp.upload("one.bin", shorter);
            assertThat(server.home(ServerUnderTest.ALICE).resolve("one.bin")).as("one.bin after a second, shorter STOR")
                    .hasBinaryContent(shorter);
            OutputStream append = ftp.client().appendFileStream("one.bin");
            ftp.expect(append != null, "APPE one.bin");
            try (append) {
                append.write(" and more".getBytes(StandardCharsets.US_ASCII));
            }
            ftp.expect(ftp.client().completePendingCommand(), "the end of APPE one.bin");
            assertThat(ftp.download("one.bin")).as("one.bin after APPE \" and more\"")
                    .isEqualTo("short and more".getBytes(StandardCharsets.US_ASCII));
            ftp.must(257, "MKD", "sub");
            ftp.upload("sub/in-sub.txt", shorter);
            assertThat(server.home(ServerUnderTest.ALICE).resolve("sub/in-sub.txt")).hasBinaryContent(shorter);
            assertThat(ftp.client().listNames()).as("NLST after the uploads (no temporary file left)")
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(names.stream(), Stream.of("empty.bin", "sub")).toList());
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: SIZE and HASH give a file's size and SHA-256; a missing file gets 550 and the session goes on")
    void sizeAndHash() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            byte[] data = Ftp.data(300_001, 7);
            Files.write(server.home(ServerUnderTest.ALICE).resolve("h.bin"), data);
            String size = ftp.must(213, "SIZE", "h.bin");
            assertThat(size.strip()).as("the reply to SIZE h.bin (300,001 bytes)").isEqualTo("213 300001");
            assertHash(ftp, "h.bin", data.length, Ftp.sha256(data));
            Files.write(server.home(ServerUnderTest.ALICE).resolve("zero.bin"), new byte[0]);
            assertThat(ftp.must(213, "SIZE", "zero.bin").strip()).as("SIZE of an empty file").isEqualTo("213 0");
            ftp.expect(ftp.send("SIZE", "nope.bin"), 550, "SIZE of a missing file");
            ftp.expect(ftp.send("HASH", "nope.bin") / 100 == 5, "(expected 550) HASH of a missing file");
            ftp.expect(ftp.send("SIZE", "/") / 100 == 5, "(expected 550) SIZE of a folder");
            ftp.must(200, "NOOP", null);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: while a STOR is under way, other sessions see neither the file nor a temporary one")
    void uploadInvisibleUntilComplete() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE);
                Ftp other = server.login(ServerUnderTest.ALICE)) {
            Files.writeString(server.home(ServerUnderTest.ALICE).resolve("before.txt"), "x");
            OutputStream out = ftp.client().storeFileStream("growing.bin");
            ftp.expect(out != null, "STOR growing.bin");
            Ftp.writeData(out, 0, 1 << 20, 3);
            out.flush();
            String[] during = other.client().listNames();
            assertThat(during).as("NLST from another session while growing.bin is being uploaded (a half file must"
                    + " not look complete; a temporary file must not be listed)").containsExactly("before.txt");
            Ftp.writeData(out, 1 << 20, 2 << 20, 3);
            out.close();
            ftp.expect(ftp.client().completePendingCommand(), "the end of STOR growing.bin");
            assertThat(other.client().listNames()).as("NLST after the upload")
                    .containsExactlyInAnyOrder("before.txt", "growing.bin");
            assertThat(other.client().mlistDir()).as("MLSD after the upload").hasSize(2);
        }
    }

    /** HASH name -> "213 SHA-256 0-(size-1) hex name" with the right hex. */
    static void assertHash(Ftp ftp, String name, long size, String sha256) throws Exception {
        String reply = ftp.must(213, "HASH", name);
        Matcher m = HASH.matcher(reply);
        if (!m.find()) {
            Diagnostics.snapshot();
            fail("Expected \"213 SHA-256 0-" + (size - 1) + " <64 hex digits> " + name + "\" to HASH " + name
                    + ", received:\n" + Ftp.show(reply));
        }
        assertThat(m.group(3).toLowerCase()).as("the SHA-256 in the reply to HASH %s", name).isEqualTo(sha256);
        assertThat(m.group(1) + "-" + m.group(2)).as("the byte range in the reply to HASH %s", name)
                .isEqualTo("0-" + (size - 1));
        assertThat(reply).as("the reply to HASH names the file").contains(name);
    }
}
