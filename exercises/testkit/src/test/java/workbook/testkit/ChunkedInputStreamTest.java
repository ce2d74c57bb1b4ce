package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkedInputStreamTest {

    @Test
    void handsOutChunksOfTheGivenSizesThenRepeatsTheLast() {
        ChunkedInputStream in = new ChunkedInputStream(new byte[] {1, 2, 3, 4, 5, 6}, 1, 2);
        byte[] buffer = new byte[10];
        assertThat(in.read(buffer, 0, 10)).isEqualTo(1);
        assertThat(in.read(buffer, 0, 10)).isEqualTo(2);
        assertThat(in.read(buffer, 0, 10)).isEqualTo(2);
        assertThat(in.read(buffer, 0, 10)).isEqualTo(1);
        assertThat(in.read(buffer, 0, 10)).isEqualTo(-1);
        assertThat(in.reads()).isEqualTo(4);
    }

    @Test
    void neverReturnsMoreThanAsked() {
        ChunkedInputStream in = new ChunkedInputStream(new byte[] {1, 2, 3}, 3);
        assertThat(in.read(new byte[2], 0, 2)).isEqualTo(2);
    }

    @Test
    void refusesChunkSizesBelowOne() {
        assertThatThrownBy(() -> new ChunkedInputStream(new byte[1], 0)).hasMessageContaining("[0]");
    }
}
