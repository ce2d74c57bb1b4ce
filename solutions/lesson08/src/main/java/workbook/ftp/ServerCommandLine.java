package workbook.ftp;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's command line: serve, or add a user.
 *
 * <pre>
 *   FtpServer [--bind 127.0.0.1] [--port 2121] [--homes DIR] [--users FILE]
 *             [--passive-ports 50000-50099] [--announce ADDRESS] [--idle SECONDS]
 *   FtpServer adduser [--users FILE] NAME QUOTA        QUOTA: bytes, or 500K, 10M, 2G (binary units)
 * </pre>
 * adduser reads the password as one line: from the console without echo when there is one, else
 * from standard input (so a script can pipe it in). It never takes the password as an argument,
 * where {@code ps} and the shell's history would show it.
 */
final class ServerCommandLine {

    private static final String USAGE = """
            usage: FtpServer [--bind 127.0.0.1] [--port 2121] [--homes DIR] [--users FILE]
                             [--passive-ports FROM-TO] [--announce ADDRESS] [--idle SECONDS]
                   FtpServer adduser [--users FILE] NAME QUOTA   (QUOTA in bytes, or with K, M or G)""";
    private static final int MAX_PASSWORD_BYTES = 1024;

    private ServerCommandLine() {
    }

    /** Runs the command; returns the exit status (serving returns only when the server is closed). */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) throws Exception {
        try {
            if (args.length > 0 && args[0].equals("adduser")) {
                return addUser(args, stdin, out);
            }
            return serve(args, out);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int serve(String[] args, PrintStream out) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<String> rest = parse(args, 0, options);
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unexpected argument: " + rest.get(0));
        }
        Path homes = Path.of(options.getOrDefault("--homes", "ftp-homes"));
        FtpConfig config = FtpConfig.defaults(homes, Path.of(options.getOrDefault("--users", "ftp-users.txt")));
        InetAddress bind = InetAddress.getByName(options.getOrDefault("--bind", "127.0.0.1"));
        int port = number("--port", options.getOrDefault("--port", "" + FtpConfig.DEFAULT_PORT));
        config = config.withBind(new InetSocketAddress(bind, port));
        if (options.containsKey("--passive-ports")) {
            String[] range = options.get("--passive-ports").split("-", -1);
            if (range.length != 2) {
                throw new IllegalArgumentException("--passive-ports takes FROM-TO, such as 50000-50099");
            }
            config = config.withPassivePorts(number("--passive-ports", range[0]), number("--passive-ports", range[1]));
        }
        if (options.containsKey("--announce")) {
            config = config.withAnnounce(InetAddress.getByName(options.get("--announce")));
        }
        if (options.containsKey("--idle")) {
            config = config.withIdleLimit(Duration.ofSeconds(number("--idle", options.get("--idle"))));
        }
        FtpServer server;
        try {
            server = FtpServer.start(config);
        } catch (BindException e) { // one line a user can act on, not a stack trace
            throw new IllegalStateException("cannot listen on " + config.bind().getHostString() + ":"
                    + config.bind().getPort() + ": " + e.getMessage()
                    + " (is another server running there? choose another port with --port)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close)); // Ctrl-C closes every session
        InetSocketAddress address = server.address();
        out.println("FTP server on " + address.getHostString() + ":" + address.getPort() + " (homes: " + homes + ")");
        server.awaitClose();
        return 0;
    }

    private static int addUser(String[] args, InputStream stdin, PrintStream out) throws IOException {
        Map<String, String> options = new HashMap<>();
        List<String> rest = parse(args, 1, options);
        if (rest.size() != 2) {
            throw new IllegalArgumentException("adduser needs a NAME and a QUOTA");
        }
        String name = rest.get(0);
        long quota = quota(rest.get(1));
        Path users = Path.of(options.getOrDefault("--users", "ftp-users.txt"));
        char[] password = readPassword(name, stdin);
        if (password.length == 0) {
            throw new IllegalArgumentException("the password is empty");
        }
        Users.add(users, name, password, quota);
        out.println("user " + name + " added to " + users + " with a quota of " + quota + " bytes");
        return 0;
    }

    /** Options ({@code --name value}) into {@code options}; the other arguments, in order, returned. */
    private static List<String> parse(String[] args, int from, Map<String, String> options) {
        List<String> rest = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (!List.of("--bind", "--port", "--homes", "--users", "--passive-ports", "--announce", "--idle")
                        .contains(args[i])) {
                    throw new IllegalArgumentException("unknown option: " + args[i]);
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                options.put(args[i], args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        return rest;
    }

    /** Bytes, or a number with K, M or G (powers of 1024). */
    static long quota(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 0 || n > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException("a quota is 0 or more bytes, and less than 8 EiB: " + text);
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a quota is a number of bytes, or one with K, M or G: " + text);
        }
    }

    private static int number(String option, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + text);
        }
    }

    /** From the console without echo if there is one; else one line of standard input, bounded. */
    private static char[] readPassword(String name, InputStream stdin) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] password = console.readPassword("Password for %s: ", name);
            return password == null ? new char[0] : password;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = stdin.read(); b != -1 && b != '\n'; b = stdin.read()) {
            if (line.size() == MAX_PASSWORD_BYTES) {
                throw new IllegalArgumentException("the password is longer than " + MAX_PASSWORD_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return (text.endsWith("\r") ? text.substring(0, text.length() - 1) : text).toCharArray();
    }
}
