package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class ThreadAllocationTest {

    private static volatile byte[] sink;

    @Test
    void seesAnArrayBeingAllocated() {
        assumeTrue(ThreadAllocation.isSupported(), "this JVM does not measure allocation per thread");
        long before = ThreadAllocation.bytesSoFar();
        sink = new byte[10_000_000];
        long allocated = ThreadAllocation.bytesSoFar() - before;
        assertThat(allocated).isBetween(10_000_000L, 11_000_000L);
        assertThat(sink).hasSize(10_000_000);
    }
}
