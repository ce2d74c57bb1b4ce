package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void showsTextAndHexWithEscapes() {
        byte[] data = {'h', 'i', '\n', (byte) 0xe4};
        assertThat(Bytes.show(data)).isEqualTo("text \"hi\\n\\xe4\"\nhex  68 69 0a e4   (4 bytes)\n");
    }

    @Test
    void showsWholeUtf8CharactersAsThemselves() {
        assertThat(Bytes.show("你好".getBytes(StandardCharsets.UTF_8))).startsWith("text \"你好\"");
    }

    @Test
    void marksBoundariesBetweenChunks() {
        String shown = Bytes.show(List.of(new byte[] {'H', 'E', 'L'}, new byte[] {'L', 'O'}));
        assertThat(shown).isEqualTo("text \"HEL\" | \"LO\"\nhex  48 45 4c | 4c 4f   (5 bytes)\n");
    }

    @Test
    void halfACharacterAtABoundaryIsShownAsEscapes() {
        byte[] ni = "你".getBytes(StandardCharsets.UTF_8);
        String shown = Bytes.show(List.of(new byte[] {ni[0]}, new byte[] {ni[1], ni[2]}));
        assertThat(shown).startsWith("text \"\\xe4\" | \"\\xbd\\xa0\"");
    }

    @Test
    void emptyIsSaidInWords() {
        assertThat(Bytes.show(new byte[0])).contains("(empty, 0 bytes)");
    }

    @Test
    void comparisonNamesTheFirstDifference() {
        String report = Bytes.compare("HELLO".getBytes(StandardCharsets.US_ASCII),
                List.of("HELP!".getBytes(StandardCharsets.US_ASCII)));
        assertThat(report).startsWith("First difference at byte 3 (of 5 expected, 5 received).");
    }

    @Test
    void comparisonSaysWhatIsMissingOrExtra() {
        byte[] hello = "HELLO".getBytes(StandardCharsets.US_ASCII);
        assertThat(Bytes.compare(hello, List.of(new byte[] {'H', 'E'}))).startsWith("Received 2 of the 5 bytes expected");
        assertThat(Bytes.compare(new byte[] {'H'}, List.of(hello))).startsWith("Received 4 bytes more than the 1 expected");
        assertThat(Bytes.compare(new byte[] {'H'}, List.of(new byte[] {'H', 'I'}))).startsWith("Received 1 byte more");
    }

    @Test
    void longDataIsCutToAWindowAroundTheDifference() {
        byte[] expected = new byte[10_000];
        byte[] received = expected.clone();
        received[5000] = 1;
        String report = Bytes.compare(expected, List.of(received));
        assertThat(report).contains("First difference at byte 5000").contains("showing bytes 4984 to 5047");
        assertThat(report.length()).isLessThan(2_000);
    }
}
