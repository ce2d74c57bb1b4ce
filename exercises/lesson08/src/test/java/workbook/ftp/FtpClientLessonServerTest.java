package workbook.ftp;

import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.LessonChecks;
import workbook.testkit.VirtualThreadWarmUp;

/** Your FtpClient against this lesson's FtpServer: the two halves of the lesson talking to each other. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the server's sessions run on virtual threads: the JVM's own threads for them are not leaks
@DisplayName("Lesson 08 · FtpClient against your FtpServer (step 9, after steps 1-8)")
class FtpClientLessonServerTest extends ClientChecks {

    @Override
    FtpPeer startPeer(Path dir) {
        return LessonFtpPeer.start(dir);
    }
}
