package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LossPlanTest {

    @Test
    void describesItselfInWords() {
        assertThat(LossPlan.seed(7)).hasToString("seed 7: datagrams forwarded faithfully");
        assertThat(LossPlan.seed(7).drop(0.25).duplicate(0.1).reorder(0.1).delay(0.1, Duration.ofMillis(60)))
                .hasToString("seed 7: 25% dropped, 10% duplicated, 10% reordered, 10% delayed by 60 ms");
    }

    @Test
    void refusesRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> LossPlan.seed(1).drop(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drop").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> LossPlan.seed(1).duplicate(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> LossPlan.seed(1).reorder(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> LossPlan.seed(1).delay(0.1, Duration.ofMillis(-1))).hasMessageContaining("-0.001");
    }

    @Test
    void theReplayPropertyOverridesTheSeed() {
        System.setProperty("proxy.seed", "99");
        try {
            assertThat(LossPlan.seed(1).seed()).isEqualTo(99);
        } finally {
            System.clearProperty("proxy.seed");
        }
        assertThat(LossPlan.seed(1).seed()).isEqualTo(1);
    }
}
