package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.Diagnostics;
import workbook.testkit.LessonChecks;
import workbook.testkit.VirtualThreadWarmUp;

/** Step 6: a transfer cut half-way and resumed with REST (断点续传) gives the identical file. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class)
@DisplayName("Lesson 08 · FtpServer: resume with REST (step 6)")
class ResumeTest {

    private static final int SIZE = 4 << 20;
    private static final int CUT = 1_000_003;

    @Test
    @Tag("step:6")
    @Timeout(30)
    @DisplayName("Step 6: a download cut by the client after 1 MB, resumed with REST + RETR, gives the identical file")
    void downloadResumed() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            byte[] data = Ftp.data(SIZE, 6);
            Files.write(server.home(ServerUnderTest.ALICE).resolve("movie.bin"), data);
            ByteArrayOutputStream local = new ByteArrayOutputStream();
            InputStream in = ftp.client().retrieveFileStream("movie.bin");
            ftp.expect(in != null, "RETR movie.bin");
            byte[] buffer = new byte[8192];
            while (local.size() < CUT) {
                int n = in.read(buffer, 0, Math.min(buffer.length, CUT - local.size()));
                if (n == -1) {
                    fail("RETR movie.bin ended after " + local.size() + " of " + SIZE + " bytes");
                }
                local.write(buffer, 0, n);
            }
            in.close(); // the client gives up half-way: the server sees its data connection closed
            ftp.client().completePendingCommand(); // 426 (cut) or 226 (it had written everything already)
            ftp.must(200, "NOOP", null);
            ftp.client().setRestartOffset(CUT); // Commons Net sends PASV, then REST, then RETR
            InputStream rest = ftp.client().retrieveFileStream("movie.bin");
            ftp.expect(rest != null, "RETR movie.bin after REST " + CUT);
            readAll(rest, local, "RETR movie.bin after REST " + CUT);
            ftp.expect(ftp.client().completePendingCommand(), "the end of the resumed RETR (226)");
            compare(local.toByteArray(), data, "the download cut at byte " + CUT + " and resumed with REST " + CUT);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            readAll(ftp.client().retrieveFileStream("movie.bin"), plain, "a plain RETR after the resumed one");
            ftp.expect(ftp.client().completePendingCommand(), "the end of a plain RETR");
            compare(plain.toByteArray(), data, "a plain RETR after a resumed one (REST applies to one transfer only)");
        }
    }

    @Test
    @Tag("step:6")
    @Timeout(30)
    @DisplayName("Step 6: an upload cut by the client after 1 MB, resumed with SIZE then REST + STOR, gives the identical file")
    void uploadResumedWithRest() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            byte[] data = Ftp.data(SIZE, 66);
            OutputStream out = ftp.client().storeFileStream("upload.bin");
            ftp.expect(out != null, "STOR upload.bin");
            out.write(data, 0, CUT);
            out.close(); // the client stops: for the server, the file ends here
            ftp.client().completePendingCommand();
            String size = ftp.must(213, "SIZE", "upload.bin").strip();
            long have = Long.parseLong(size.substring(4).strip());
            assertThat(have).as("SIZE upload.bin after the client stopped after %d bytes", CUT).isEqualTo(CUT);
            ftp.client().setRestartOffset(have);
            OutputStream rest = ftp.client().storeFileStream("upload.bin");
            ftp.expect(rest != null, "STOR upload.bin after REST " + have);
            try (rest) {
                rest.write(data, (int) have, SIZE - (int) have);
            }
            ftp.expect(ftp.client().completePendingCommand(), "the end of the resumed STOR (226)");
            Path onDisk = server.home(ServerUnderTest.ALICE).resolve("upload.bin");
            compare(Files.readAllBytes(onDisk), data, "upload.bin on disk after REST " + have + " + STOR of the rest");
            TransferTest.assertHash(ftp, "upload.bin", SIZE, Ftp.sha256(data));
        }
    }

    @Test
    @Tag("step:6")
    @Timeout(30)
    @DisplayName("Step 6: an upload resumed with APPE, and a REST + STOR in the middle of a file, give the right bytes")
    void uploadResumedWithAppe() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            byte[] data = Ftp.data(SIZE, 666);
            Path onDisk = server.home(ServerUnderTest.ALICE).resolve("appe.bin");
            Files.write(onDisk, java.util.Arrays.copyOf(data, CUT));
            OutputStream out = ftp.client().appendFileStream("appe.bin");
            ftp.expect(out != null, "APPE appe.bin");
            try (out) {
                out.write(data, CUT, SIZE - CUT);
            }
            ftp.expect(ftp.client().completePendingCommand(), "the end of APPE (226)");
            compare(Files.readAllBytes(onDisk), data, "appe.bin after APPE of the rest");
            // REST + STOR in the middle: the bytes from the offset are replaced, those before it are kept
            byte[] patch = Ftp.data(1000, 9);
            ftp.client().setRestartOffset(500);
            OutputStream mid = ftp.client().storeFileStream("appe.bin");
            ftp.expect(mid != null, "STOR appe.bin after REST 500");
            try (mid) {
                mid.write(patch);
            }
            ftp.expect(ftp.client().completePendingCommand(), "the end of STOR after REST 500");
            byte[] after = Files.readAllBytes(onDisk);
            byte[] expected = java.util.Arrays.copyOf(data, 1500);
            System.arraycopy(patch, 0, expected, 500, 1000);
            compare(java.util.Arrays.copyOf(after, 1500), expected,
                    "the first 1,500 bytes of appe.bin after REST 500 + STOR of 1,000 bytes");
        }
    }

    private static void readAll(InputStream in, ByteArrayOutputStream into, String what) throws IOException {
        if (in == null) {
            fail(what + " was refused");
        }
        try (in) {
            in.transferTo(into);
        } catch (SocketTimeoutException e) {
            Diagnostics.snapshot();
            fail(what + ": the data connection stayed open with nothing more coming (after " + into.size() + " bytes)");
        }
    }

    /** Fails with the sizes, the hashes and the first differing byte. */
    private static void compare(byte[] got, byte[] expected, String what) {
        if (java.util.Arrays.equals(got, expected)) {
            return;
        }
        int diff = java.util.Arrays.mismatch(got, expected);
        Diagnostics.snapshot();
        fail(what + " differs from the original:\n  expected " + expected.length + " bytes, SHA-256 "
                + Ftp.sha256(expected) + "\n  received " + got.length + " bytes, SHA-256 " + Ftp.sha256(got)
                + "\n  first difference at byte " + diff
                + (got.length > expected.length ? " (too long: was the offset of REST ignored, the file sent again"
                        + " from byte 0?)" : ""));
    }

    @Test
    @Tag("step:6")
    @DisplayName("Step 6: REST beyond the end of the file is refused for RETR and STOR, and REST counts for one transfer only")
    void restBeyondTheEnd() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp ftp = server.login(ServerUnderTest.ALICE)) {
            Path file = server.home(ServerUnderTest.ALICE).resolve("ten.txt");
            Files.writeString(file, "0123456789");
            ftp.client().setRestartOffset(11);
            ftp.expect(!ftp.client().retrieveFile("ten.txt", new ByteArrayOutputStream()),
                    "(expected a 5xx reply) RETR ten.txt after REST 11, beyond its 10 bytes; it was accepted");
            ftp.client().setRestartOffset(11);
            OutputStream out = ftp.client().storeFileStream("ten.txt");
            if (out != null) {
                out.close();
                ftp.client().completePendingCommand();
            }
            assertThat(ftp.client().getReplyCode() / 100).as("the reply to STOR ten.txt after REST 11 (beyond its 10"
                    + " bytes)").isEqualTo(5);
            assertThat(file).as("ten.txt after the refused REST 11 + STOR").hasContent("0123456789");
            ftp.client().setRestartOffset(10);
            ByteArrayOutputStream nothing = new ByteArrayOutputStream();
            ftp.expect(ftp.client().retrieveFile("ten.txt", nothing), "RETR ten.txt after REST 10 (its very end)");
            assertThat(nothing.size()).as("bytes sent by RETR after REST 10 on a 10-byte file").isZero();
            ftp.client().setRestartOffset(4);
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            ftp.expect(ftp.client().retrieveFile("ten.txt", tail), "RETR ten.txt after REST 4");
            assertThat(tail.toString(java.nio.charset.StandardCharsets.US_ASCII)).as("RETR after REST 4").isEqualTo("456789");
            assertThat(ftp.download("ten.txt")).as("a RETR with no REST before it (the offset is used once)")
                    .isEqualTo("0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            ftp.must(350, "REST", "0");
            ftp.must(350, "REST", "3");
            ftp.must(200, "NOOP", null);
        }
    }
}
