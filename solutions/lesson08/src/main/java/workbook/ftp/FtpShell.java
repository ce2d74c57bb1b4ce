package workbook.ftp;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An interactive FTP client: one command per line at the {@code ftp> } prompt. Every failure is one
 * line ({@code error: 550 No such file}) and the session goes on; the end of input (Ctrl-D) ends it.
 *
 * <pre>
 * java workbook.ftp.FtpShell [HOST [PORT]]
 * </pre>
 */
public final class FtpShell {

    private static final String HELP = """
            open HOST [PORT]      connect (port 21 unless given)
            user NAME             log in (asks for the password)
            ls [DIR]              list a directory
            cd DIR, pwd           change or show the remote directory
            mkdir DIR, rm FILE    make a directory, delete a file
            size FILE             a remote file's size in bytes
            get REMOTE [LOCAL]    download;  reget resumes a partial local file
            put LOCAL [REMOTE]    upload;    reput resumes a partial remote file
            quit                  close the connection and leave (or Ctrl-D)""";

    /** Reads a password: on a terminal without showing it, as nobody should see it over your shoulder. */
    @FunctionalInterface
    public interface Passwords {
        /** The password typed, or null at the end of input. */
        String read(String prompt) throws IOException;
    }

    private final BufferedReader keyboard;
    private final PrintStream out;
    private final PrintStream err;
    private final Path localDir;
    private final Passwords passwords;
    private final boolean terminal;
    private FtpClient client;

    private FtpShell(InputStream in, PrintStream out, PrintStream err, Path localDir, Passwords passwords,
            boolean terminal) {
        this.keyboard = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
        this.localDir = localDir;
        this.passwords = passwords != null ? passwords : this::readLine;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        Console console = System.console();
        boolean terminal = onTerminal(console);
        Passwords passwords = !terminal ? null : prompt -> {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? null : new String(typed);
        };
        System.exit(run(System.in, System.out, System.err, Path.of(""), passwords, terminal, args));
    }

    /**
     * Whether the shell talks to a person at a terminal (so the bar may redraw with '\r' and the
     * password may be read without echo). JDK 21 and 25 give no Console when a stream is redirected;
     * JDK 22 to 24 give one anyway and answer the question with Console.isTerminal(), which this
     * code, compiled for Java 21, can only reach by name.
     */
    private static boolean onTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a Console exists only for a terminal
        }
    }

    /**
     * Runs the shell until {@code quit} or the end of {@code in}; {@code HOST [PORT]} in {@code args} opens
     * a connection first. Files are read and written relative to {@code localDir}.
     *
     * @param passwords how to read a password, or null to read it as a line of {@code in}
     * @param terminal  true when {@code out} is a terminal: progress bars are then redrawn in place
     * @return the exit code: 0
     */
    public static int run(InputStream in, PrintStream out, PrintStream err, Path localDir, Passwords passwords,
            boolean terminal, String... args) {
        FtpShell shell = new FtpShell(in, out, err, localDir, passwords, terminal);
        try {
            if (args.length > 0) {
                List<String> open = new ArrayList<>(List.of("open"));
                open.addAll(List.of(args));
                shell.execute(open);
            }
            shell.loop();
        } finally {
            shell.disconnect();
        }
        return 0;
    }

    private void loop() {
        for (String line = readLine("ftp> "); line != null; line = readLine("ftp> ")) {
            List<String> words = List.of(line.strip().split("\\s+"));
            if (words.get(0).equals("quit")) {
                return;
            }
            if (!words.get(0).isEmpty()) {
                execute(words);
            }
        }
        out.println(); // the end of input came after a prompt: end its line
    }

    /** Runs one command; whatever goes wrong becomes one line on {@code err}, never a stack trace. */
    private void execute(List<String> words) {
        try {
            command(words.get(0), words.subList(1, words.size()));
        } catch (IOException | RuntimeException e) {
            err.println("error: " + describe(e));
        }
    }

    private void command(String name, List<String> args) throws IOException {
        switch (name) {
            case "open" -> open(arg(args, 0, "open HOST [PORT]"), args.size() > 1 ? port(args.get(1)) : 21);
            case "user" -> login(arg(args, 0, "user NAME"));
            case "ls" -> connected().list(args.isEmpty() ? null : args.get(0)).forEach(out::println);
            case "cd" -> connected().cd(arg(args, 0, "cd DIR"));
            case "pwd" -> out.println(connected().pwd());
            case "mkdir" -> connected().mkdir(arg(args, 0, "mkdir DIR"));
            case "rm" -> connected().delete(arg(args, 0, "rm FILE"));
            case "size" -> out.println(connected().size(arg(args, 0, "size FILE")));
            case "get", "reget" -> get(name, args);
            case "put", "reput" -> put(name, args);
            case "help" -> out.println(HELP);
            default -> throw new FtpException(0, "unknown command " + name + " (try help)");
        }
    }

    private void open(String host, int port) throws IOException {
        disconnect();
        try {
            client = FtpClient.connect(host, port);
        } catch (FtpException e) {
            throw e;
        } catch (IOException e) {
            String why = e instanceof UnknownHostException ? "unknown host" : describe(e);
            throw new FtpException(0, "cannot connect to " + host + ":" + port + ": " + why);
        }
        out.println("Connected to " + host + ":" + port + ": " + client.greeting());
    }

    private void login(String user) throws IOException {
        FtpClient connected = connected();
        String password = passwords.read("Password: ");
        if (password == null) {
            throw new FtpException(0, "no password given");
        }
        connected.login(user, password);
        out.println("Logged in as " + user + ".");
    }

    private void get(String name, List<String> args) throws IOException {
        String remote = arg(args, 0, name + " REMOTE [LOCAL]");
        Path local = localDir.resolve(args.size() > 1 ? args.get(1) : remote.substring(remote.lastIndexOf('/') + 1));
        ProgressBar bar = new ProgressBar(out, remote, terminal);
        if (name.equals("reget")) {
            connected().reget(remote, local, bar);
        } else {
            connected().get(remote, local, bar);
        }
        out.println(remote + ": " + Files.size(local) + " bytes received and verified.");
    }

    private void put(String name, List<String> args) throws IOException {
        Path local = localDir.resolve(arg(args, 0, name + " LOCAL [REMOTE]"));
        String remote = args.size() > 1 ? args.get(1) : local.getFileName().toString();
        ProgressBar bar = new ProgressBar(out, remote, terminal);
        if (name.equals("reput")) {
            connected().reput(local, remote, bar);
        } else {
            connected().put(local, remote, bar);
        }
        out.println(remote + ": " + Files.size(local) + " bytes sent and verified.");
    }

    private FtpClient connected() throws FtpException {
        if (client == null) {
            throw new FtpException(0, "not connected (open HOST [PORT] first)");
        }
        return client;
    }

    private void disconnect() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** The prompt, then one line typed; null at the end of input. */
    private String readLine(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            return keyboard.readLine();
        } catch (IOException e) {
            return null; // a keyboard that fails has ended
        }
    }

    private static String arg(List<String> args, int index, String usage) throws FtpException {
        if (args.size() <= index) {
            throw new FtpException(0, "usage: " + usage);
        }
        return args.get(index);
    }

    private static int port(String text) throws FtpException {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new FtpException(0, "not a port number: " + text);
    }

    /** One line a user can act on, for any failure. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such local file: " + e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
