package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LineEndsTest {

    @Test
    void turnsWindowsLineEndsIntoLineFeeds() {
        assertThat(LineEnds.normalise("one\r\ntwo\r\n")).isEqualTo("one\ntwo\n");
        assertThat(LineEnds.normalise("one\ntwo")).isEqualTo("one\ntwo");
    }

    @Test
    void leavesALoneCarriageReturnAlone() {
        assertThat(LineEnds.normalise("50%\r100%\r\n")).isEqualTo("50%\r100%\n");
        assertThat(LineEnds.normalise("ends in\r".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ends in\r".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void normalisesBytesTheSameWay() {
        assertThat(LineEnds.normalise("a\r\n\r\nb\r".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("a\n\nb\r".getBytes(StandardCharsets.US_ASCII));
        assertThat(LineEnds.text("é\r\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("é\n");
    }
}
