package workbook.bench;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import workbook.ftp.FtpConfig;
import workbook.ftp.FtpServer;
import workbook.ftp.Users;

/**
 * Lesson 08's reference FTP server in a process of its own, as {@link ServerProcess} expects:
 * prints {@code PORT n} once it listens on loopback, and stops at the end of its standard input.
 *
 * <pre>  java workbook.bench.ReferenceFtpMain HOMES USERS-FILE USER PASSWORD</pre>
 * The server as its own main runs it ({@link FtpServer#start} with {@link FtpConfig#defaults}), on a
 * free loopback port, with one user whose PBKDF2 hash has 1,000 iterations instead of the default
 * 600,000: a login then costs as little as on the peers (clear-text passwords), so the figures
 * measure serving files, not hashing passwords.
 */
public final class ReferenceFtpMain {

    private ReferenceFtpMain() {
    }

    public static void main(String[] args) throws Exception {
        Path homes = Path.of(args[0]);
        Path users = Path.of(args[1]);
        Users.add(users, args[2], args[3].toCharArray(), 1L << 40, 1_000);
        FtpConfig config = FtpConfig.defaults(homes, users)
                .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (FtpServer server = FtpServer.start(config)) {
            System.out.println("PORT " + server.address().getPort());
            System.in.transferTo(OutputStream.nullOutputStream()); // until the bench closes our input
        }
    }
}
