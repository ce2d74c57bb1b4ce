package workbook.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * Apache FtpServer (ftpserver-core, on MINA), the bench's Java peer of lesson 08's server, in a
 * process of its own as {@link ServerProcess} expects: prints {@code PORT n} once it listens on
 * loopback, and stops at the end of its standard input.
 *
 * <pre>  java workbook.bench.ApacheFtpMain HOME USER PASSWORD</pre>
 * Its defaults, except what the measurement needs: loopback only, one user with write permission
 * and a clear-text password (a login costs nothing, as in every server measured), and no limit on
 * logins (its default, 10, would refuse the 100 sessions).
 */
public final class ApacheFtpMain {

    private ApacheFtpMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        File usersFile = Files.createTempFile("apache-ftp-users", ".properties").toFile();
        usersFile.deleteOnExit();
        users.setFile(usersFile);
        UserManager userManager = users.createUserManager();
        BaseUser user = new BaseUser();
        user.setName(args[1]);
        user.setPassword(args[2]);
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.of(new WritePermission(), new ConcurrentLoginPermission(0, 0)));
        userManager.save(user);

        ListenerFactory listenerFactory = new ListenerFactory();
        listenerFactory.setServerAddress("127.0.0.1");
        listenerFactory.setPort(0);
        Listener listener = listenerFactory.createListener();
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setMaxLogins(0);
        connections.setMaxAnonymousLogins(0);
        connections.setAnonymousLoginEnabled(false);

        FtpServerFactory factory = new FtpServerFactory();
        factory.setUserManager(userManager);
        factory.addListener("default", listener);
        factory.setConnectionConfig(connections.createConnectionConfig());
        FtpServer server = factory.createServer();
        server.start();
        try {
            System.out.println("PORT " + listener.getPort());
            System.in.transferTo(java.io.OutputStream.nullOutputStream()); // until the bench closes our input
        } finally {
            server.stop();
        }
    }
}
