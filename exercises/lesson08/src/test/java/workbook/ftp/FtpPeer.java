package workbook.ftp;

import java.nio.file.Path;

/** A real FTP server on loopback for your client to talk to, with one user whose home is a temporary folder. */
interface FtpPeer extends AutoCloseable {

    String USER = "alice";
    String PASSWORD = "correct horse battery staple";

    /** "Apache FtpServer" or "the reference FtpServer", for failure messages. */
    String name();

    int port();

    /** The user's home folder on disk: what the server calls "/". */
    Path home();

    @Override
    void close();
}
