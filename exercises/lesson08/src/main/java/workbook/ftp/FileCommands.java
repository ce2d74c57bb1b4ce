package workbook.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The commands that work on names and not on data: directories (PWD, CWD, CDUP, MKD, RMD), files
 * (DELE, RNFR/RNTO) and facts about a file (SIZE, MDTM, HASH). Every path goes through the
 * {@link HomeJail}; a failure on disk becomes a 550 reply, and the session goes on.
 */
final class FileCommands {

    private static final DateTimeFormatter MDTM_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Something done on disk; its IOException becomes a reply. */
    private interface DiskAction {
        void run() throws IOException;
    }

    private final HomeJail jail;
    private final ControlChannel control;
    private HomeJail.Place renameFrom;

    FileCommands(HomeJail jail, ControlChannel control) {
        this.jail = jail;
        this.control = control;
    }

    void pwd() throws IOException {
        control.reply(257, quoted(jail.current().virtual()) + " is the current directory.");
    }

    void cwd(String path) throws IOException, CommandFailed {
        jail.changeTo(jail.resolve(path));
        control.reply(250, "Directory changed to " + jail.current().virtual() + ".");
    }

    void mkd(String path) throws IOException, CommandFailed {
        HomeJail.Place place = jail.resolve(path);
        onDisk(place, () -> Files.createDirectory(place.path()));
        control.reply(257, quoted(place.virtual()) + " created.");
    }

    void rmd(String path) throws IOException, CommandFailed {
        HomeJail.Place place = jail.resolve(path);
        if (place.isHome() || !Files.isDirectory(place.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new CommandFailed(550, place.virtual() + ": Not a directory you may remove.");
        }
        onDisk(place, () -> Files.delete(place.path()));
        control.reply(250, place.virtual() + " removed.");
    }

    void dele(String path) throws IOException, CommandFailed {
        HomeJail.Place place = jail.resolve(path);
        if (Files.isDirectory(place.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new CommandFailed(550, place.virtual() + ": Is a directory (use RMD).");
        }
        onDisk(place, () -> Files.delete(place.path()));
        control.reply(250, place.virtual() + " deleted.");
    }

    void rnfr(String path) throws IOException, CommandFailed {
        HomeJail.Place place = jail.resolve(path);
        if (place.isHome() || !Files.exists(place.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new CommandFailed(550, place.virtual() + ": No such file or directory.");
        }
        renameFrom = place;
        control.reply(350, "Ready for RNTO.");
    }

    void rnto(String path) throws IOException, CommandFailed {
        HomeJail.Place from = renameFrom;
        renameFrom = null;
        if (from == null) {
            throw new CommandFailed(503, "Send RNFR first.");
        }
        HomeJail.Place to = jail.resolve(path);
        onDisk(to, () -> Files.move(from.path(), to.path()));
        control.reply(250, from.virtual() + " renamed to " + to.virtual() + ".");
    }

    /** SIZE (RFC 3659): the exact number of bytes a RETR would send. */
    void size(String path) throws IOException, CommandFailed {
        HomeJail.Place place = regularFile(path);
        long[] size = {0};
        onDisk(place, () -> size[0] = Files.size(place.path()));
        control.reply(213, Long.toString(size[0]));
    }

    /** MDTM (RFC 3659): the modification time, in UTC. */
    void mdtm(String path) throws IOException, CommandFailed {
        HomeJail.Place place = regularFile(path);
        String[] time = {""};
        onDisk(place, () -> time[0] = MDTM_TIME.format(Files.getLastModifiedTime(place.path()).toInstant()));
        control.reply(213, time[0]);
    }

    /**
     * HASH (draft-bryan-ftpext-hash-02): the file's SHA-256, so that a client can check that what
     * it sent or got is what the server has, without downloading it again.
     * {@code 213 SHA-256 0-<last byte> <hex> <path>}.
     */
    void hash(String path) throws IOException, CommandFailed {
        HomeJail.Place place = regularFile(path);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long[] size = {0};
        onDisk(place, () -> {
            try (InputStream in = Files.newInputStream(place.path())) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) != -1; size[0] += n) {
                    sha256.update(buffer, 0, n);
                }
            }
        });
        String hex = HexFormat.of().formatHex(sha256.digest());
        control.reply(213, "SHA-256 0-" + Math.max(0, size[0] - 1) + " " + hex + " " + path);
    }

    private HomeJail.Place regularFile(String path) throws CommandFailed {
        HomeJail.Place place = jail.resolve(path);
        if (!Files.isRegularFile(place.path())) {
            throw new CommandFailed(550, place.virtual() + ": No such file.");
        }
        return place;
    }

    /** Runs a file operation; what went wrong becomes a 550 reply in words a user understands. */
    private static void onDisk(HomeJail.Place place, DiskAction action) throws CommandFailed {
        try {
            action.run();
        } catch (NoSuchFileException e) {
            throw new CommandFailed(550, place.virtual() + ": No such file or directory.");
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailed(550, place.virtual() + ": File exists.");
        } catch (DirectoryNotEmptyException e) {
            throw new CommandFailed(550, place.virtual() + ": Directory not empty.");
        } catch (IOException e) {
            throw new CommandFailed(550, place.virtual() + ": " + e.getClass().getSimpleName() + ".");
        }
    }

    /** RFC 959 puts a path in double quotes and doubles any quote inside it. */
    private static String quoted(String path) {
        return "\"" + path.replace("\"", "\"\"") + "\"";
    }
}
