package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepHintsTest {

    @Test
    void readsOneHintPerStepFromHintsMd() {
        // src/test/resources/hints.md of this module
        var hints = StepHints.read(StepHintsTest.class);
        assertThat(hints).containsOnlyKeys(1, 2);
        assertThat(hints.get(1)).isEqualTo("First hint,\non two lines.");
        assertThat(hints.get(2)).isEqualTo("Second hint.");
    }
}
