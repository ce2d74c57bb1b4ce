package workbook.ftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import workbook.testkit.Diagnostics;
import workbook.testkit.Loopback;

/**
 * Your {@link FtpServer}, started for one check: on a free loopback port, with a fresh temporary folder
 * holding the users file, the homes and, next to the homes, a folder {@code outside} with a secret that
 * no user may ever reach.
 *
 * <pre>
 *   root/                     (a temporary folder)
 *     users.txt               the users (PBKDF2 with only 1,000 iterations, to keep the checks fast)
 *     secret.txt              outside every home
 *     outside/secret.txt      outside every home
 *     homes/alice/ ...        alice's home (her "/")
 *     homes/bob/bob-secret.txt  another user's home
 * </pre>
 */
final class ServerUnderTest implements AutoCloseable {

    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final String PASSWORD = "open sesame";
    static final String SECRET = "the secret outside every home\n";
    static final long GIB = 1L << 30;

    private final Path root;
    private final FtpServer server;
    private final FtpConfig config;

    private ServerUnderTest(Path root, FtpServer server, FtpConfig config) {
        this.root = root;
        this.server = server;
        this.config = config;
    }

    /** A builder: users first, then the configuration, then {@link Builder#start()}. */
    static Builder with() {
        return new Builder();
    }

    /** alice and bob with the same password and a quota of 1 GiB, the configuration's defaults except a short login delay. */
    /**
     * Whether this JVM can name a file in Chinese. A POSIX locale (LC_ALL=C on Linux) leaves Java with
     * ASCII-only file names, and a server there must refuse such a name cleanly instead; decided by
     * trying, as a Windows or macOS machine may answer either way.
     */
    static boolean canNameInChinese() {
        try {
            Path.of("\u4f60\u597d");
            return true;
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    static ServerUnderTest start() throws IOException {
        return with().start();
    }

    static final class Builder {
        private final Map<String, Long> users = new LinkedHashMap<>();
        private UnaryOperator<FtpConfig> tweak = UnaryOperator.identity();

        Builder user(String name, long quotaBytes) {
            users.put(name, quotaBytes);
            return this;
        }

        Builder config(UnaryOperator<FtpConfig> tweak) {
            this.tweak = tweak;
            return this;
        }

        ServerUnderTest start() throws IOException {
            users.putIfAbsent(ALICE, GIB);
            users.putIfAbsent(BOB, GIB);
            Path root = Files.createTempDirectory("lesson08-ftp-");
            Path homes = Files.createDirectories(root.resolve("homes"));
            Path usersFile = root.resolve("users.txt");
            for (Map.Entry<String, Long> user : users.entrySet()) {
                Users.add(usersFile, user.getKey(), PASSWORD.toCharArray(), user.getValue(), 1_000);
                Files.createDirectories(homes.resolve(user.getKey()));
            }
            Files.writeString(root.resolve("secret.txt"), SECRET);
            Files.writeString(Files.createDirectories(root.resolve("outside")).resolve("secret.txt"), SECRET);
            Files.writeString(homes.resolve(BOB).resolve("bob-secret.txt"), SECRET);
            FtpConfig config = tweak.apply(FtpConfig.defaults(homes, usersFile)
                    .withBind(Loopback.anyPort())
                    .withFailedLoginDelay(Duration.ofMillis(20)));
            FtpServer server;
            try {
                server = FtpServer.start(config);
            } catch (IOException | RuntimeException e) {
                deleteTree(root);
                throw e;
            }
            ServerUnderTest running = new ServerUnderTest(root, server, config);
            Diagnostics.note(running::describe);
            return running;
        }
    }

    int port() {
        return server.address().getPort();
    }

    InetSocketAddress address() {
        return server.address();
    }

    FtpServer server() {
        return server;
    }

    FtpConfig config() {
        return config;
    }

    Path root() {
        return root;
    }

    Path home(String user) {
        return root.resolve("homes").resolve(user);
    }

    /** A new Commons Net client, connected (greeting read), not logged in. */
    Ftp connect() throws IOException {
        return Ftp.connect(port());
    }

    /** A new Commons Net client, logged in as {@code user}, in binary mode. */
    Ftp login(String user) throws IOException {
        Ftp ftp = Ftp.connect(port());
        ftp.login(user, PASSWORD);
        return ftp;
    }

    /** Every file and folder under the root, with sizes: what a failing check shows. */
    List<String> tree() {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted().forEach(p -> {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    lines.add(name + " -> (symbolic link)");
                } else if (Files.isDirectory(p)) {
                    lines.add(name + "/");
                } else {
                    try {
                        lines.add(name + " (" + Files.size(p) + " bytes)");
                    } catch (IOException e) {
                        lines.add(name + " (size unknown)");
                    }
                }
            });
        } catch (IOException | UncheckedIOException e) {
            lines.add("(could not list: " + e + ")");
        }
        return lines;
    }

    /** The files and folders outside every home (the users file excepted): they must never change. */
    Map<String, String> outsideTheHomes() throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        Path homes = root.resolve("homes");
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                if (p.startsWith(homes) && !p.equals(homes) || p.equals(root) || p.getFileName().toString().equals("users.txt")) {
                    continue;
                }
                found.put(root.relativize(p).toString().replace('\\', '/'),
                        Files.isDirectory(p) ? "folder" : new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        }
        try (Stream<Path> children = Files.list(homes)) {
            for (Path home : (Iterable<Path>) children.sorted()::iterator) {
                if (!home.getFileName().toString().equals(ALICE)) {
                    try (Stream<Path> theirs = Files.walk(home)) {
                        for (Path p : (Iterable<Path>) theirs.sorted()::iterator) {
                            found.put(root.relativize(p).toString().replace('\\', '/'),
                                    Files.isDirectory(p) ? "folder" : new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        return found;
    }

    String describe() {
        return "Your FtpServer on " + (server == null ? "?" : server.address()) + ", the check's folder " + root
                + " held:\n  " + String.join("\n  ", tree());
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            deleteTree(root);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary folder: the operating system cleans up what is left
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // same
        }
    }
}
