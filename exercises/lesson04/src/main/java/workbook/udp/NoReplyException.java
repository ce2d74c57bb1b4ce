package workbook.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * A client gave up: no reply came to a request after every try. Its message is one line for the
 * user, such as {@code No reply from 127.0.0.1:8080 after 5 tries in 4.6 s (port unreachable: is
 * the server running?)}.
 */
public final class NoReplyException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param unreachable whether the operating system reported "port unreachable" (ICMP) for a try:
     *                    then nothing was listening at that port
     */
    public NoReplyException(InetSocketAddress server, int tries, Duration waited, boolean unreachable) {
        super("No reply from " + show(server) + " after " + tries
                + (tries == 1 ? " try" : " tries") + " in " + String.format(Locale.ROOT, "%.1f s", waited.toMillis() / 1000.0)
                + (unreachable ? " (port unreachable: is the server running?)" : " (is the server running?)"));
    }

    /** "127.0.0.1:8080": the address as numbers, which is what the user typed or will type. */
    static String show(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return host + ":" + address.getPort();
    }
}
