package workbook.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import workbook.socketserver.RequestHandler;
import workbook.socketserver.UpperEchoServer;

/**
 * The framework's upper-case echo handler as it was before {@code IdleLimit}: the idle limit kept
 * lesson 01's way, a read time-out ({@code setSoTimeout}) on the connection. On a virtual thread
 * every read that waits then arms and disarms a timer; the bench's pinned rounds run this handler
 * beside the real one to show what that costs.
 */
final class TimedUpperHandler extends RequestHandler<Socket> {

    @Override
    protected void setup() throws IOException {
        request().setSoTimeout(Math.toIntExact(UpperEchoServer.DEFAULT_IDLE_LIMIT.toMillis()));
    }

    @Override
    protected void handle() throws IOException {
        InputStream in = request().getInputStream();
        OutputStream out = request().getOutputStream();
        byte[] buffer = new byte[1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] >= 'a' && buffer[i] <= 'z') {
                    buffer[i] -= 'a' - 'A';
                }
            }
            out.write(buffer, 0, n);
        }
    }
}
