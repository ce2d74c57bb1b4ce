package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The foreign-platform run of .ci/run (-Dtestkit.foreign=true) really is foreign: println ends lines
 * with CR LF, the leak check does without /proc, and the default locale is Turkish. Elsewhere there is
 * nothing to prove.
 */
class ForeignPlatformTest {

    @Test
    void theSimulationIsWhatItClaims() {
        if (!Boolean.getBoolean("testkit.foreign")) {
            assertThat(System.getProperty("testkit.foreign")).as("only .ci/foreign-platform.args sets it").isNull();
            return;
        }
        assertThat(System.lineSeparator().getBytes(StandardCharsets.US_ASCII)).containsExactly('\r', '\n');
        assertThat(OpenDescriptors.HERE.limitation()).as("the leak check without /proc").isNotEmpty();
        assertThat("i".toUpperCase()).as("the Turkish default locale's dotted capital I").isEqualTo("\u0130");
    }
}
