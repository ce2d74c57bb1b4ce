package workbook.ftp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The server's settings, in one visible place. Every limit is configurable, so that a check can
 * use a short idle limit or a small passive range instead of waiting five minutes.
 *
 * <pre>{@code
 * FtpConfig.defaults(Path.of("ftp-homes"), Path.of("ftp-users.txt"))     // 127.0.0.1:2121
 *         .withPassivePorts(50000, 50099)                                 // a range a firewall can open
 *         .withAnnounce(InetAddress.getByName("203.0.113.7"));           // the address behind the NAT
 * }</pre>
 *
 * @param bind             where the control connection listens (loopback by default)
 * @param homes            each user's home is {@code homes/<name>}, created at the first login
 * @param usersFile        the users file (see {@link Users})
 * @param passiveFrom      first port of the passive range; {@code 0, 0} means any free port
 * @param passiveTo        last port of the passive range
 * @param announce         the address put in PASV replies; null means the control socket's local address
 * @param idleLimit        no command for this long: {@code 421} and the session ends
 * @param failedLoginDelay the pause before answering a wrong password (slows down guessing)
 * @param maxLoginFailures wrong passwords one connection may send before it is closed
 * @param maxLineLength    the longest command line, in bytes; a longer one gets {@code 500}
 */
public record FtpConfig(
        InetSocketAddress bind,
        Path homes,
        Path usersFile,
        int passiveFrom, int passiveTo,
        InetAddress announce,
        Duration idleLimit,
        Duration failedLoginDelay,
        int maxLoginFailures,
        int maxLineLength) {

    /** The port FTP servers use when they may not bind 21 (a privileged port). */
    static final int DEFAULT_PORT = 2121;
    /** Long enough for "PASS " and a long password, or a deep path. */
    static final int DEFAULT_MAX_LINE_LENGTH = 4096;
    /** Shorter than this, not even "RNFR " and a short name would fit. */
    private static final int MIN_LINE_LENGTH = 16;

    public FtpConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(homes, "homes");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(idleLimit, "idleLimit");
        Objects.requireNonNull(failedLoginDelay, "failedLoginDelay");
        boolean anyPort = passiveFrom == 0 && passiveTo == 0;
        if (!anyPort && (passiveFrom < 1 || passiveTo > 65535 || passiveFrom > passiveTo)) {
            throw new IllegalArgumentException("passive ports must be 0-0 or a range within 1-65535: "
                    + passiveFrom + "-" + passiveTo);
        }
        if (idleLimit.isNegative() || idleLimit.isZero()) {
            throw new IllegalArgumentException("idleLimit must be positive: " + idleLimit);
        }
        if (failedLoginDelay.isNegative()) {
            throw new IllegalArgumentException("failedLoginDelay must not be negative: " + failedLoginDelay);
        }
        if (maxLoginFailures < 1) {
            throw new IllegalArgumentException("maxLoginFailures must be at least 1: " + maxLoginFailures);
        }
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength must be at least " + MIN_LINE_LENGTH + ": "
                    + maxLineLength);
        }
    }

    /** Loopback port 2121, any passive port, idle limit 300 s, 1 s after a wrong password, 3 tries, 4096-byte lines. */
    public static FtpConfig defaults(Path homes, Path usersFile) {
        return new FtpConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT),
                homes, usersFile, 0, 0, null, Duration.ofSeconds(300), Duration.ofSeconds(1), 3,
                DEFAULT_MAX_LINE_LENGTH);
    }

    public FtpConfig withBind(InetSocketAddress a) {
        return new FtpConfig(a, homes, usersFile, passiveFrom, passiveTo, announce, idleLimit,
                failedLoginDelay, maxLoginFailures, maxLineLength);
    }

    public FtpConfig withPassivePorts(int from, int to) {
        return new FtpConfig(bind, homes, usersFile, from, to, announce, idleLimit,
                failedLoginDelay, maxLoginFailures, maxLineLength);
    }

    public FtpConfig withAnnounce(InetAddress a) {
        return new FtpConfig(bind, homes, usersFile, passiveFrom, passiveTo, a, idleLimit,
                failedLoginDelay, maxLoginFailures, maxLineLength);
    }

    public FtpConfig withIdleLimit(Duration d) {
        return new FtpConfig(bind, homes, usersFile, passiveFrom, passiveTo, announce, d,
                failedLoginDelay, maxLoginFailures, maxLineLength);
    }

    public FtpConfig withFailedLoginDelay(Duration d) {
        return new FtpConfig(bind, homes, usersFile, passiveFrom, passiveTo, announce, idleLimit,
                d, maxLoginFailures, maxLineLength);
    }

    public FtpConfig withMaxLoginFailures(int n) {
        return new FtpConfig(bind, homes, usersFile, passiveFrom, passiveTo, announce, idleLimit,
                failedLoginDelay, n, maxLineLength);
    }

    public FtpConfig withMaxLineLength(int n) {
        return new FtpConfig(bind, homes, usersFile, passiveFrom, passiveTo, announce, idleLimit,
                failedLoginDelay, maxLoginFailures, n);
    }
}
