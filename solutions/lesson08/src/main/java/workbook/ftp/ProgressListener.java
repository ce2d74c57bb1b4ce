package workbook.ftp;

/** Told how far a transfer has come, after every block; {@code total} is the file's full size in bytes. */
@FunctionalInterface
public interface ProgressListener {

    void progress(long done, long total);

    /** A listener that shows nothing (scripts, checks). */
    static ProgressListener none() {
        return (done, total) -> { };
    }
}
