package workbook.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Bytes;
import workbook.testkit.LessonChecks;

/** AsciiUpper on its own, without sockets: every one of the 256 byte values. */
@LessonChecks
@DisplayName("Lesson 01 · AsciiUpper (step 5)")
class AsciiUpperTest {

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: AsciiUpper changes a to z into A to Z and leaves the other 230 byte values alone")
    void changesOnlyLowerCaseAsciiLetters() {
        byte[] all = new byte[256 + 2];
        for (int i = 0; i < 256; i++) {
            all[i + 1] = (byte) i;
        }
        byte[] expected = all.clone();
        for (int c = 'a'; c <= 'z'; c++) {
            expected[c + 1] = (byte) (c - 'a' + 'A');
        }
        all[0] = 'x'; // outside the range given below: must stay lower case
        expected[0] = 'x';
        all[257] = 'y';
        expected[257] = 'y';

        AsciiUpper.upperCaseInPlace(all, 1, 256);

        assertThat(all).withFailMessage(() -> Bytes.compare(expected, java.util.List.of(all))).isEqualTo(expected);
    }
}
