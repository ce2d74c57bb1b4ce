package workbook.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file transfers: RETR (download), STOR and APPE (upload), and REST, which makes the next one
 * start at an offset (resume, 断点续传).
 *
 * <pre>
 *   REST 1000   350 Restarting at 1000.       the next RETR sends from byte 1000;
 *   RETR a.bin  150 ... data ... 226            the next STOR writes from byte 1000
 * </pre>
 * An upload of a new file goes to a hidden file beside the target and is renamed only when the
 * data connection ends normally, as in lesson 03: a refused or broken upload leaves no file, and
 * nobody ever sees half a file under the real name. A resumed upload (APPE, or REST and STOR on
 * an existing file) must write into the file itself, since that is where the first part is.
 */
final class Transfers {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final ControlChannel control;
    private final DataConnections data;
    private final Quota quota;
    private final Path home;
    private long restOffset;

    Transfers(ControlChannel control, DataConnections data, Quota quota, Path home) {
        this.control = control;
        this.data = data;
        this.quota = quota;
        this.home = home;
    }

    /** REST: remembers where the next RETR, STOR or APPE starts. */
    void rest(String argument) throws IOException, CommandFailed {
        long offset;
        try {
            offset = Long.parseLong(argument);
        } catch (NumberFormatException e) {
            throw new CommandFailed(501, "REST needs a byte offset, not \"" + argument + "\".");
        }
        if (offset < 0) {
            throw new CommandFailed(501, "REST needs an offset of 0 or more, not " + offset + ".");
        }
        restOffset = offset;
        control.reply(350, "Restarting at " + offset + ". Send STOR or RETR to start the transfer.");
    }

    /** The REST offset, used once: the transfer after the next one starts at 0 again. */
    private long takeRestOffset() {
        long offset = restOffset;
        restOffset = 0;
        return offset;
    }

    /** RETR: sends the file from the REST offset, with the kernel's zero-copy path where there is one. */
    void retrieve(HomeJail.Place place) throws IOException, CommandFailed {
        // TODO(step 6): start the download at the offset the client asked for with REST
        takeRestOffset();
        long offset = 0;
        if (!Files.isRegularFile(place.path())) {
            throw new CommandFailed(550, place.virtual() + ": No such file.");
        }
        try (FileChannel file = FileChannel.open(place.path(), StandardOpenOption.READ)) {
            long size = file.size();
            if (offset > size) {
                throw new CommandFailed(554, "Restart offset " + offset + " is beyond the end of the file ("
                        + size + " bytes).");
            }
            SocketChannel channel = data.open(control, place.virtual() + " (" + (size - offset) + " bytes)");
            // TODO(step 5): the client reads until the data connection ends: that is how it knows the file is complete
            try {
                send(file, offset, size, channel);
            } catch (IOException e) {
                throw new CommandFailed(426, "Data connection closed; transfer aborted.");
            }
        }
        control.reply(226, "Transfer complete.");
    }

    /** transferTo may send less than asked (a slow client, or the kernel's 2 GiB limit): loop until done. */
    private static void send(FileChannel file, long from, long to, SocketChannel channel) throws IOException {
        long position = from;
        while (position < to) {
            position += file.transferTo(position, to - position, channel);
        }
    }

    /**
     * STOR ({@code append} false) or APPE ({@code append} true). With a REST offset, STOR keeps
     * the first {@code offset} bytes of the existing file and writes from there.
     */
    void store(HomeJail.Place place, boolean append) throws IOException, CommandFailed {
        // TODO(step 6): with REST, keep the first bytes of the existing file and write from the offset
        takeRestOffset();
        long offset = 0;
        Path target = place.path();
        if (place.isHome() || Files.isDirectory(target)) {
            throw new CommandFailed(550, place.virtual() + ": Is a directory.");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new CommandFailed(550, place.virtual() + ": No such directory.");
        }
        long existing = Files.isRegularFile(target) ? Files.size(target) : -1;
        if (offset > Math.max(existing, 0)) {
            throw new CommandFailed(554, "Restart offset " + offset + " is beyond the end of the file.");
        }
        long kept = append ? Math.max(existing, 0) : offset; // bytes of the old file that stay
        long freed = existing > 0 ? existing - kept : 0;     // bytes of the old file this upload replaces
        long room = quota.room(home) + freed;
        // TODO(step 7): the quota must hold while the bytes arrive, not only before the upload starts
        if (room <= 0) {
            throw new CommandFailed(552, "Quota exceeded: " + quota.limitBytes() + " bytes allowed.");
        }
        if (existing >= 0 && kept > 0) {
            resume(place, kept, room);
        } else {
            replace(place, room);
        }
    }

    /** A new or replaced file: written beside the target under a hidden name, renamed when complete. */
    private void replace(HomeJail.Place place, long room) throws IOException, CommandFailed {
        Path target = place.path();
        Path partial = Files.createTempFile(target.getParent(), HomeJail.PARTIAL_PREFIX, ".tmp");
        try {
            try (FileChannel file = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                receive(place, file, room);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial); // refused or broken: no file is left behind
        }
        control.reply(226, "Transfer complete.");
    }

    /** A resumed file: the bytes go into the file itself, after its first {@code kept} bytes. */
    private void resume(HomeJail.Place place, long kept, long room) throws IOException, CommandFailed {
        try (FileChannel file = FileChannel.open(place.path(), StandardOpenOption.WRITE)) {
            file.truncate(kept);
            file.position(kept);
            try {
                receive(place, file, room);
            } catch (CommandFailed e) {
                if (e.code() == 552) {
                    file.truncate(kept); // over quota: back to the size it had before
                }
                throw e;
            }
        }
        control.reply(226, "Transfer complete.");
    }

    /**
     * Copies the data connection into {@code file} until the client closes it, counting: the byte
     * that would exceed {@code room} stops the upload with 552.
     */
    private void receive(HomeJail.Place place, FileChannel file, long room) throws IOException, CommandFailed {
        try (SocketChannel channel = data.open(control, place.virtual())) {
            // The socket's stream, not the channel: only the stream honours the read timeout.
            InputStream in = channel.socket().getInputStream();
            byte[] buffer = new byte[BUFFER_BYTES];
            long received = 0;
            int n;
            while ((n = read(in, buffer)) != -1) {
                // TODO(step 7): FTP never announces an upload's size: stop the upload with 552 at the
                // first byte that would not fit in the room the quota leaves
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
                received += n;
            }
        }
    }

    /** A read from the data connection; a reset or a timeout there aborts the transfer (426). */
    private static int read(InputStream in, byte[] buffer) throws CommandFailed {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new CommandFailed(426, "Data connection closed; transfer aborted.");
        }
    }
}
