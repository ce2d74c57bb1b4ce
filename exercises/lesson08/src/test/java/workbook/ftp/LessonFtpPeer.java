package workbook.ftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * This lesson's FtpServer (yours; the reference with {@code -Psolutions}) on a free loopback port, with
 * short limits so that a check never waits long. Your client meets your own server here: steps 1-8 first.
 */
final class LessonFtpPeer implements FtpPeer {

    /** PBKDF2 iterations for the checks' user: enough to be real, few enough to log in at once. */
    private static final int ITERATIONS = 1_000;

    private final FtpServer server;
    private final Path home;

    private LessonFtpPeer(FtpServer server, Path home) {
        this.server = server;
        this.home = home;
    }

    static LessonFtpPeer start(Path dir) {
        try {
            Path homes = Files.createDirectories(dir.resolve("homes"));
            Path users = dir.resolve("users.txt");
            Users.add(users, USER, PASSWORD.toCharArray(), 1L << 30, ITERATIONS);
            Path home = Files.createDirectories(homes.resolve(USER));
            FtpConfig config = FtpConfig.defaults(homes, users)
                    .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .withFailedLoginDelay(Duration.ofMillis(50))
                    .withIdleLimit(Duration.ofSeconds(30));
            return new LessonFtpPeer(FtpServer.start(config), home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "your FtpServer (this lesson's server: steps 1-8 must pass first)";
    }

    @Override
    public int port() {
        return server.address().getPort();
    }

    @Override
    public Path home() {
        return home;
    }

    @Override
    public void close() {
        server.close();
    }
}
