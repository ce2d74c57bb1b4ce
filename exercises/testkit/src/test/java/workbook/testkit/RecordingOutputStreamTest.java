package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RecordingOutputStreamTest {

    @Test
    void keepsEveryWriteCallApartAndCountsFlushes() throws Exception {
        RecordingOutputStream out = new RecordingOutputStream();
        out.write("hello".getBytes(StandardCharsets.US_ASCII));
        out.write('!');
        out.write(new byte[] {1, 2, 3, 4}, 1, 2);
        out.write(new byte[0]);
        out.flush();

        assertThat(out.writes()).containsExactly("hello".getBytes(StandardCharsets.US_ASCII), new byte[] {'!'},
                new byte[] {2, 3});
        assertThat(out.bytes()).isEqualTo("hello!\u0002\u0003".getBytes(StandardCharsets.US_ASCII));
        assertThat(out.flushes()).isEqualTo(1);
        assertThat(Bytes.show(out.writes())).contains("\"hello\" | \"!\" | \"\\x02\\x03\"");
    }
}
