package workbook.ftp;

import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;

import workbook.testkit.LessonChecks;

/** Your FtpClient against Apache FtpServer, a real server written by other people. */
@LessonChecks
@DisplayName("Lesson 08 · FtpClient against Apache FtpServer (step 9)")
class FtpClientApacheTest extends ClientChecks {

    @Override
    FtpPeer startPeer(Path dir) {
        return ApacheFtpPeer.start(dir);
    }
}
