package workbook.ftp;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A user's disk quota: how many bytes all the files in the home may hold together.
 *
 * <p>FTP never says how big an upload will be (STOR just sends bytes until the data connection
 * closes), so a quota cannot be checked before an upload: the server counts the bytes as they
 * arrive and stops the upload at the first byte that would not fit. Usage is measured on disk at
 * the start of each upload, so files written by other sessions of the same user count too,
 * uploads in progress included. (A known limit: two uploads of the same user at the same time
 * each get the room that was left when they started, so together they may pass the quota once.)
 */
final class Quota {

    private final long limitBytes;

    Quota(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    long limitBytes() {
        return limitBytes;
    }

    /** The bytes a new upload may still write: the limit less what the home holds now (may be negative). */
    long room(Path home) throws IOException {
        return limitBytes - usage(home);
    }

    /** The total size of the regular files under {@code home}; symlinks are not followed. */
    static long usage(Path home) throws IOException {
        long[] total = {0};
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // deleted meanwhile: it holds nothing now
            }
        });
        return total[0];
    }
}
