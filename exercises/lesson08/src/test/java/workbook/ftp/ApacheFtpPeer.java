package workbook.ftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * Apache FtpServer (ftpserver-core), in this JVM on a free loopback port, passive connections on loopback
 * too: a real server that is not ours, so your client must speak plain RFC 959 to it. An {@link Ftplet}
 * may stand in front of its commands to make it misbehave on purpose.
 */
final class ApacheFtpPeer implements FtpPeer {

    private final FtpServer server;
    private final int port;
    private final Path home;

    private ApacheFtpPeer(FtpServer server, int port, Path home) {
        this.server = server;
        this.port = port;
        this.home = home;
    }

    static ApacheFtpPeer start(Path dir) {
        return start(dir, null);
    }

    /** The home folder the server started in {@code dir} gives the user. */
    static Path home(Path dir) {
        return dir.resolve("apache-home");
    }

    /** Starts the server with {@code ftplet} (or none) seeing every command first. */
    static ApacheFtpPeer start(Path dir, Ftplet ftplet) {
        try {
            Path home = Files.createDirectories(home(dir));
            FtpServerFactory factory = new FtpServerFactory();
            ListenerFactory listener = new ListenerFactory();
            listener.setServerAddress("127.0.0.1");
            listener.setPort(0);
            DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
            data.setPassiveAddress("127.0.0.1");
            data.setPassiveExternalAddress("127.0.0.1");
            listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
            factory.addListener("default", listener.createListener());
            factory.setUserManager(users(dir, home));
            if (ftplet != null) {
                factory.setFtplets(new HashMap<>(Map.of("misbehaviour", ftplet))); // a map it may clear when it stops
            }
            FtpServer server = factory.createServer();
            server.start();
            return new ApacheFtpPeer(server, factory.getListener("default").getPort(), home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FtpException e) {
            throw new IllegalStateException("Apache FtpServer did not start", e);
        }
    }

    private static UserManager users(Path dir, Path home) throws FtpException, IOException {
        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        users.setFile(Files.write(dir.resolve("apache-users.properties"), new byte[0]).toFile());
        users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        UserManager manager = users.createUserManager();
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.of(new WritePermission()));
        manager.save(user);
        return manager;
    }

    @Override
    public String name() {
        return "Apache FtpServer";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path home() {
        return home;
    }

    @Override
    public void close() {
        server.stop();
    }
}
