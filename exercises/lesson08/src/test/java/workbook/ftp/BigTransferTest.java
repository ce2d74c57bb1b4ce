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
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/** Step 5: a big file both ways, the control connection cut into pieces by the fragmenting proxy. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class)
@DisplayName("Lesson 08 · FtpServer: a 64 MiB file both ways (step 5)")
class BigTransferTest {

    static final long BIG = 64L << 20;

    @Test
    @Tag("step:5")
    @Timeout(240)
    @DisplayName("Step 5: 64 MiB up and 64 MiB down through the fragmenting proxy arrive whole (SHA-256), and HASH agrees")
    void bigFileThroughTheProxy() throws Exception {
        ProxyPlan plan = ProxyPlan.seed(85).split(1, 5);
        Duration patience = Patience.scaled(30_000); // per control reply and per data read: 64 MiB is hashed and renamed
        try (var server = ServerUnderTest.start(); FragmentingProxy proxy = FragmentingProxy.start(server.port(), plan);
                Ftp ftp = Ftp.connect(proxy.port())) {
            ftp.client().setSoTimeout((int) patience.toMillis()); // per control reply: 64 MiB is hashed and renamed
            ftp.client().setDataTimeout(Patience.scaled(5_000)); // data flows all the time: a pause this long is a hang
            ftp.login(ServerUnderTest.ALICE, ServerUnderTest.PASSWORD);
            String expected = Ftp.sha256OfData(BIG, 64);
            ftp.uploadGenerated("big.bin", BIG, 64, false);
            Path onDisk = server.home(ServerUnderTest.ALICE).resolve("big.bin");
            assertThat(Files.size(onDisk)).as("the size of big.bin on disk after a 64 MiB upload").isEqualTo(BIG);
            assertThat(ftp.must(213, "SIZE", "big.bin").strip()).as("SIZE big.bin").isEqualTo("213 " + BIG);
            TransferTest.assertHash(ftp, "big.bin", BIG, expected);
            MessageDigest digest = Ftp.sha256();
            long count = 0;
            InputStream in = ftp.client().retrieveFileStream("big.bin");
            ftp.expect(in != null, "RETR big.bin");
            try (in) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    digest.update(buffer, 0, n);
                    count += n;
                }
            } catch (SocketTimeoutException e) {
                Diagnostics.snapshot();
                fail("RETR big.bin: after " + count + " bytes nothing more came for " + Ftp.seconds(ftp.client().getDataTimeout())
                        + ", and the data connection was not closed either: the client cannot know the file ended.");
            }
            ftp.expect(ftp.client().completePendingCommand(), "the end of RETR big.bin (226)");
            assertThat(count).as("bytes received by RETR big.bin").isEqualTo(BIG);
            assertThat(HexFormat.of().formatHex(digest.digest())).as("SHA-256 of the 64 MiB downloaded")
                    .isEqualTo(expected);
        }
    }

}
