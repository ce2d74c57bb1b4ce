package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class VirtualThreadWarmUpTest {

    @Test
    void afterTheWarmUpVirtualThreadsStartNoNewPlatformThreads() throws Exception {
        VirtualThreadWarmUp.warmUp();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread reader = Thread.ofVirtual().start(() -> {
                try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    Thread.sleep(2);
                    client.getInputStream().read();
                } catch (Exception e) {
                    // the check below is about threads, not this read
                }
            });
            try (Socket accepted = server.accept()) {
                Thread.sleep(20);
                accepted.getOutputStream().write(1);
            }
            reader.join(2_000);
        }
        Set<String> started = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && !t.getName().startsWith("junit-")) {
                started.add(t.getName());
            }
        }
        assertThat(started).as("platform threads the JVM started for a virtual thread after the warm-up").isEmpty();
    }
}
