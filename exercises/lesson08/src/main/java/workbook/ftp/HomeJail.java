package workbook.ftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a user is, and the one way from a client's path to a file: every path a command names
 * goes through {@link #resolve}, which keeps it inside the user's home.
 *
 * <pre>
 *   client path          current dir   inside the home        on disk
 *   "report.txt"         /docs         /docs/report.txt       homes/alice/docs/report.txt
 *   "../pics/a.png"      /docs         /pics/a.png            homes/alice/pics/a.png
 *   "/"                  /docs         /                      homes/alice
 *   "../../etc/passwd"   /docs         refused: it climbs above the home
 *   "C:\x" or "a\..\b"   any           a name with a backslash: an ordinary character on Unix,
 *                                      refused where the platform would read it as a separator
 *   "link/secret"        /             refused if link is a symlink that leads outside the home
 * </pre>
 * The client's "/" is the home: a client never learns where the home is on the server's disk.
 * Paths are taken apart into names by hand, never handed to the platform as a whole, because the
 * platform's idea of a separator, a root or a drive is not the client's.
 */
final class HomeJail {

    /** Uploads in progress are written to files named so; listings hide them and paths may not name them. */
    static final String PARTIAL_PREFIX = ".ftp-partial-";

    /** A place inside the home: the names from the home down, and the file on disk. */
    record Place(List<String> names, Path path) {

        /** The path the client sees, from the home: {@code /docs/report.txt}. */
        String virtual() {
            return "/" + String.join("/", names);
        }

        boolean isHome() {
            return names.isEmpty();
        }
    }

    private final Path home;
    private final Path realHome;
    private Place current;

    HomeJail(Path home) throws IOException {
        Files.createDirectories(home);
        this.home = home.toAbsolutePath(); // so that every path has parents up to the root
        this.realHome = home.toRealPath();
        this.current = new Place(List.of(), home);
    }

    Place current() {
        return current;
    }

    /** Makes {@code place} the current directory, if it is one. */
    void changeTo(Place place) throws CommandFailed {
        if (!Files.isDirectory(place.path())) {
            throw new CommandFailed(550, place.virtual() + ": No such directory.");
        }
        current = place;
    }

    /**
     * The place a client's path names, relative to the current directory or, if it starts with
     * '/', to the home.
     *
     * @throws CommandFailed 550 if the path leaves the home, 553 if it holds a name the
     *                       platform cannot have or that is reserved
     */
    Place resolve(String clientPath) throws CommandFailed {
        if (clientPath.indexOf('\0') >= 0) {
            throw new CommandFailed(553, "A path may not contain a NUL character.");
        }
        List<String> names = clientPath.startsWith("/") ? new ArrayList<>() : new ArrayList<>(current.names());
        for (String name : clientPath.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            // TODO(step 3): keep every path inside the home: ".." goes up one name, never above the
            // home, and a path whose symlinks lead outside the home is refused as well
            checkName(name);
            names.add(name);
        }
        Path path = home;
        for (String name : names) {
            path = path.resolve(name);
        }
        return new Place(List.copyOf(names), path);
    }

    /** One name must stay one name on this platform: no separator, no drive, no reserved prefix. */
    private static void checkName(String name) throws CommandFailed {
        try {
            Path one = Path.of(name);
            if (one.isAbsolute() || one.getNameCount() != 1 || !one.toString().equals(name)
                    || name.startsWith(PARTIAL_PREFIX)) {
                throw new CommandFailed(553, name + ": File name not allowed.");
            }
        } catch (InvalidPathException e) {
            throw new CommandFailed(553, name + ": File name not allowed.");
        }
    }
}
