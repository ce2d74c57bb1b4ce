package workbook.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The yardstick in Java: an upper-case echo server with one thread and one {@link Selector} for
 * every connection, the way servers were written before virtual threads.
 *
 * <pre>
 *   select() ─▶ for each ready key: accept | read, upper-case, write | finish a write ─▶ select() ...
 * </pre>
 * Each connection keeps a 1024-byte buffer (the framework's handler reads 1024 bytes at a time too).
 * A reply the socket cannot take at once is kept, and the connection stops reading until it is sent.
 */
final class SelectorEchoServer implements Closeable {

    private final ServerSocketChannel listener;
    private final Selector selector;
    private volatile boolean closed;

    private SelectorEchoServer(ServerSocketChannel listener, Selector selector) {
        this.listener = listener;
        this.selector = selector;
    }

    static SelectorEchoServer bind(InetSocketAddress address, int backlog) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(address, backlog);
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        return new SelectorEchoServer(listener, selector);
    }

    int port() {
        return ((InetSocketAddress) listener.socket().getLocalSocketAddress()).getPort();
    }

    /** Serves until {@link #close}, then closes every connection. */
    void serve() throws IOException {
        try {
            while (!closed) {
                selector.select();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    try {
                        if (key.isAcceptable()) {
                            accept();
                        } else if (key.isReadable()) {
                            read(key);
                        } else if (key.isWritable()) {
                            write(key);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        key.channel().close(); // one connection's trouble ends that connection
                    }
                }
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }
    }

    private void accept() throws IOException {
        for (SocketChannel client; (client = listener.accept()) != null; ) {
            client.configureBlocking(false);
            client.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(1024));
        }
    }

    private void read(SelectionKey key) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        int n = client.read(buffer);
        if (n == -1) {
            key.cancel();
            client.close();
            return;
        }
        byte[] bytes = buffer.array();
        for (int i = 0; i < buffer.position(); i++) {
            if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                bytes[i] -= 'a' - 'A';
            }
        }
        buffer.flip();
        write(key);
    }

    private void write(SelectionKey key) throws IOException {
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        ((SocketChannel) key.channel()).write(buffer);
        if (buffer.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE); // the socket is full: wait, and read nothing meanwhile
        } else {
            buffer.clear();
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Asks the serving thread to stop; it closes the connections on its way out. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
    }
}
