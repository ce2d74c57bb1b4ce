package workbook.ftp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three listings FTP has, one line per entry, each for a different reader.
 *
 * <pre>
 *   LIST  for people, and clients that parse `ls -l` (FileZilla, curl, Commons Net):
 *         -rw-r--r-- 1 ftp ftp          1234 Nov 29 12:00 report.txt
 *         drwxr-xr-x 1 ftp ftp          4096 Jan  3  2025 old
 *   NLST  names only:  report.txt
 *   MLSD  facts a program can read without guessing (RFC 3659):
 *         type=file;size=1234;modify=20261129120000; report.txt
 * </pre>
 * LIST's format is not in any standard; clients guess from what Unix's ls prints, so this prints
 * exactly that shape: dates in English (never the server's locale), the time for the last six
 * months and the year before that. Times are UTC, as MLSD requires.
 */
final class Listings {

    enum Kind { LIST, NLST, MLSD }

    private static final DateTimeFormatter RECENT =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OLD =
            DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MLSD_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Duration HALF_A_YEAR = Duration.ofDays(182);

    private Listings() {
    }

    /**
     * The lines for a directory's entries (sorted by name, uploads in progress hidden), or for
     * one file if {@code path} is a file.
     */
    static List<String> lines(Kind kind, Path path, Instant now) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(path)) {
            lines.add(line(kind, path, Files.readAttributes(path, BasicFileAttributes.class), now));
            return lines;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
            for (Path entry : dir) {
                if (!entry.getFileName().toString().startsWith(HomeJail.PARTIAL_PREFIX)) {
                    entries.add(entry);
                }
            }
        }
        entries.sort(null);
        for (Path entry : entries) {
            try {
                lines.add(line(kind, entry, Files.readAttributes(entry, BasicFileAttributes.class), now));
            } catch (IOException e) {
                // a link to nowhere, or a file deleted meanwhile: leave it out
            }
        }
        return lines;
    }

    static String line(Kind kind, Path entry, BasicFileAttributes a, Instant now) {
        String name = entry.getFileName().toString();
        return switch (kind) {
            case NLST -> name;
            case MLSD -> "type=" + (a.isDirectory() ? "dir" : "file") + ";size=" + a.size()
                    + ";modify=" + MLSD_TIME.format(a.lastModifiedTime().toInstant()) + "; " + name;
            case LIST -> String.format(Locale.ROOT, "%s 1 ftp ftp %13d %s %s",
                    a.isDirectory() ? "drwxr-xr-x" : "-rw-r--r--", a.size(),
                    lsDate(a.lastModifiedTime().toInstant(), now), name);
        };
    }

    /** ls shows the time for the last half year (and a little into the future), the year otherwise. */
    static String lsDate(Instant modified, Instant now) {
        boolean recent = modified.isAfter(now.minus(HALF_A_YEAR)) && modified.isBefore(now.plus(Duration.ofDays(1)));
        return (recent ? RECENT : OLD).format(modified);
    }
}
