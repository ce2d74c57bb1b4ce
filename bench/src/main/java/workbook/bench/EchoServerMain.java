package workbook.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import workbook.socketserver.ServerOptions;
import workbook.socketserver.TcpServer;
import workbook.socketserver.ThreadingStrategy;
import workbook.socketserver.UpperEchoServer;

/**
 * One echo server in a process of its own, for {@link EchoBench}: the framework's UpperEchoServer
 * on virtual or platform threads, the same on virtual threads with a read time-out as its idle
 * limit ({@link TimedUpperHandler}), or the single-threaded {@link SelectorEchoServer}.
 *
 * <pre>
 *   java workbook.bench.EchoServerMain virtual|platform|virtual_timed|nio BACKLOG
 *   PORT 40123            (printed once it listens on 127.0.0.1)
 *   heap                  (a command on standard input)
 *   HEAP 12345678         (bytes of heap in use after a full GC)
 * </pre>
 * It stops when its standard input ends, so it cannot outlive the benchmark.
 */
public final class EchoServerMain {

    private EchoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int backlog = Integer.parseInt(args[1]);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        AutoCloseable server;
        int port;
        Thread loop;
        if (kind.equals("nio")) {
            SelectorEchoServer nio = SelectorEchoServer.bind(any, backlog);
            server = nio;
            port = nio.port();
            loop = new Thread(() -> {
                try {
                    nio.serve();
                } catch (java.io.IOException e) {
                    e.printStackTrace();
                }
            }, "selector-loop");
        } else {
            ServerOptions options = ServerOptions.defaults().withRequestQueueSize(backlog);
            TcpServer framework = kind.equals("virtual_timed")
                    ? new TcpServer(any, TimedUpperHandler::new, options)
                    : UpperEchoServer.bind(any, options.withThreading(ThreadingStrategy.named(kind)));
            server = framework;
            port = framework.port();
            loop = new Thread(framework::serveForever, "serve-loop");
        }
        loop.start();
        System.out.println("PORT " + port);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null; ) {
            if (line.equals("heap")) {
                System.gc();
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.println("HEAP " + used);
                System.out.flush();
            }
        }
        server.close();
        loop.join(5_000);
        System.exit(0);
    }
}
