package workbook.ftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;

/**
 * Stands in front of Apache FtpServer's commands to make it behave as a check needs: offer HASH (which
 * Apache FtpServer does not have), report a wrong size or hash, or refuse EPSV. Records every command.
 */
final class Misbehaviour extends DefaultFtplet {

    enum Kind {
        /** Every command as Apache FtpServer answers it. */
        NONE,
        /** SIZE answers one byte more than the file has. */
        WRONG_SIZE,
        /** FEAT offers HASH SHA-256, and HASH answers the file's true SHA-256. */
        HASH,
        /** FEAT offers HASH SHA-256, and HASH answers a SHA-256 with its first hex digit changed. */
        WRONG_HASH,
        /** EPSV answers 500, as a server from before RFC 2428 does. */
        NO_EPSV
    }

    private final Kind kind;
    private final Path home;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    Misbehaviour(Kind kind, Path home) {
        this.kind = kind;
        this.home = home;
    }

    /** The commands the client sent (the argument of PASS hidden), in order. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
        String command = request.getCommand().toUpperCase(java.util.Locale.ROOT);
        commands.add(command.equals("PASS") ? "PASS ..." : request.getRequestLine());
        String answer = answer(command, request.getArgument());
        if (answer == null) {
            return super.beforeCommand(session, request);
        }
        session.write(new DefaultFtpReply(Integer.parseInt(answer.substring(0, 3)), answer.substring(4)));
        return FtpletResult.SKIP;
    }

    /** "213 1234" in place of Apache FtpServer's own reply, or null to let it answer. */
    private String answer(String command, String argument) throws IOException {
        boolean hashing = kind == Kind.HASH || kind == Kind.WRONG_HASH;
        if (kind == Kind.WRONG_SIZE && command.equals("SIZE") && Files.isRegularFile(file(argument))) {
            return "213 " + (Files.size(file(argument)) + 1);
        }
        if (hashing && command.equals("FEAT")) {
            return "211 Extensions supported:\n SIZE\n REST STREAM\n HASH SHA-256\n UTF8\nEnd";
        }
        if (hashing && command.equals("HASH")) {
            if (!Files.isRegularFile(file(argument))) {
                return "550 No such file";
            }
            byte[] data = Files.readAllBytes(file(argument));
            String hex = ClientCalls.sha256(data);
            if (kind == Kind.WRONG_HASH) {
                hex = (hex.charAt(0) == '0' ? "1" : "0") + hex.substring(1);
            }
            // upper case: hex digits may come in either case
            return "213 SHA-256 0-" + (data.length - 1) + " " + hex.toUpperCase(java.util.Locale.ROOT) + " " + argument;
        }
        if (kind == Kind.NO_EPSV && command.equals("EPSV")) {
            return "500 EPSV not understood";
        }
        return null;
    }

    /** The file a path names in the user's home (the checks only use names in the home itself). */
    private Path file(String argument) {
        if (argument == null) {
            throw new UncheckedIOException(new IOException("no file named"));
        }
        return home.resolve(argument.startsWith("/") ? argument.substring(1) : argument);
    }
}
