package workbook.ftp;

import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;

import workbook.testkit.LessonChecks;

/** Your FtpClient against this lesson's FtpServer: the two halves of the lesson talking to each other. */
@LessonChecks
@DisplayName("Lesson 08 · FtpClient against your FtpServer (step 9, after steps 1-8)")
class FtpClientLessonServerTest extends ClientChecks {

    @Override
    FtpPeer startPeer(Path dir) {
        return LessonFtpPeer.start(dir);
    }
}
