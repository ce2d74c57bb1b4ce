package workbook.socketserver;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import workbook.testkit.Diagnostics;
import workbook.testkit.Expect;
import workbook.testkit.Loopback;
import workbook.testkit.Received;
import workbook.testkit.RunningServer;
import workbook.testkit.Stacks;

/** What lesson 05's checks share: running a server, talking to it, and showing where a thread is stuck. */
final class Checks {

    private Checks() {
    }

    /** Runs the server's serveForever() in a thread of the check; closing the result closes the server. */
    static <S extends TcpServer> RunningServer<S> serve(S server) {
        Diagnostics.note(Checks::serveLoop);
        return RunningServer.start("TcpServer", server, TcpServer::port, TcpServer::serveForever);
    }

    static <S extends UdpServer> RunningServer<S> serve(S server) {
        Diagnostics.note(Checks::serveLoop);
        return RunningServer.start("UdpServer", server, UdpServer::port, UdpServer::serveForever);
    }

    /** Connects to a loopback port; a refusal or a timeout fails the check, saying who could not connect. */
    static Socket connect(int port, String who) throws IOException {
        try {
            return Loopback.connect(port);
        } catch (ConnectException | SocketTimeoutException e) {
            Diagnostics.snapshot();
            return fail("%s could not connect to port %d: %s.", who, port, e.getMessage());
        }
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Sends {@code text} and expects it back upper-cased (the checks' handlers all upper-case). */
    static void roundTrip(Socket socket, String text, String what) throws IOException {
        send(socket, text);
        Expect.reply(socket, text.toUpperCase(java.util.Locale.ROOT), what);
    }

    /** Fails unless the server closes the connection (end of stream, or a reset) within {@link workbook.testkit.Timeouts#REPLY}. */
    static void expectClosed(Socket socket, String what) throws IOException {
        Received received = Received.read(socket, 1, workbook.testkit.Timeouts.REPLY);
        if (received.ending() != Received.Ending.END_OF_STREAM && received.ending() != Received.Ending.BROKEN) {
            Diagnostics.snapshot();
            fail("Expected the server to close " + what + ". " + received.story());
        }
    }

    /** What a server printed to standard error while a check acted, and the client the check used. */
    record Printed(String output, SocketAddress client) {
    }

    /** An action of a check that involves one client, whose address it returns (or null). */
    @FunctionalInterface
    interface ClientAction {
        SocketAddress run() throws Exception;
    }

    /**
     * Runs {@code action} while capturing standard error (the server's handleError() writes there),
     * with line ends normalised to "\n".
     */
    static Printed stderrOf(ClientAction action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SocketAddress client = action.run();
            return new Printed(lines(captured.toString(StandardCharsets.UTF_8)), client);
        } finally {
            System.setErr(original);
        }
    }

    /** A demo's main(), which may throw. */
    @FunctionalInterface
    interface Program {
        void run() throws Exception;
    }

    /** Runs {@code program} while capturing standard output, with line ends normalised to "\n". */
    static String stdoutOf(Program program) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        return lines(captured.toString(StandardCharsets.UTF_8));
    }

    /** Printed text with every line end ("\r\n" on Windows, "\r" or "\n") made "\n". */
    static String lines(String printed) {
        return printed.replace("\r\n", "\n").replace('\r', '\n');
    }

    /**
     * Fails unless {@code printed} is one line that contains {@code expected}: no stack trace (that is
     * for bugs in a handler) and no "null" (say what happened instead).
     */
    static void expectReport(String printed, String expected, String after) {
        List<String> lines = printed.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() != 1 || !lines.get(0).contains(expected) || lines.get(0).contains("null")) {
            fail("After %s, the server should print one line that contains \"%s\" (what happened, to which"
                    + " client), without a stack trace and without \"null\". It printed %d lines:%n%s", after,
                    expected, lines.size(), printed.isEmpty() ? "    (nothing)" : printed.indent(4));
        }
    }

    /** Where the check's serve-loop thread is, if there is one: its innermost frame and the lesson's frames. */
    static String serveLoop() {
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        return all.entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("server-under-test-") && e.getKey().isAlive())
                .map(e -> "The serve loop (serveForever) is at:\n" + Stacks.show(e.getValue()))
                .collect(Collectors.joining("\n"));
    }
}
