package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static workbook.ftp.ClientCalls.assertSameFile;
import static workbook.ftp.ClientCalls.content;
import static workbook.ftp.ClientCalls.loggedIn;
import static workbook.ftp.ClientCalls.refused;
import static workbook.ftp.ClientCalls.succeeds;
import static workbook.ftp.ClientCalls.write;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.LessonChecks;

/**
 * Your FtpClient against an Apache FtpServer that misbehaves on purpose: a verification that cannot
 * fail is no verification, so these servers lie about sizes and hashes, or know no EPSV.
 */
@LessonChecks
@DisplayName("Lesson 08 · FtpClient verifies every transfer (step 9)")
class FtpClientTest {

    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a get or put whose size differs afterwards (SIZE) is an FtpException, not a success")
    void sizeMismatchIsAnError() {
        Path local = write(dir.resolve("local/data.bin"), content(SIZE, 21));
        Misbehaviour lies = new Misbehaviour(Misbehaviour.Kind.WRONG_SIZE, ApacheFtpPeer.home(dir));
        try (FtpPeer peer = ApacheFtpPeer.start(dir, lies)) {
            write(peer.home().resolve("remote.bin"), content(SIZE, 22));
            assertMismatch(refused("get of a file whose SIZE says one byte more than arrived", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.get("remote.bin", dir.resolve("local/remote.bin"), ProgressListener.none());
                }
                return null;
            }));
            assertMismatch(refused("put of a file the server's SIZE then says is one byte longer", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.put(local, "data.bin", ProgressListener.none());
                }
                return null;
            }));
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: when FEAT offers HASH, get and put are verified with HASH (SHA-256)")
    void verifiesWithHash() {
        byte[] original = content(SIZE, 23);
        Path local = write(dir.resolve("local/data.bin"), original);
        Misbehaviour hashing = new Misbehaviour(Misbehaviour.Kind.HASH, ApacheFtpPeer.home(dir));
        try (FtpPeer peer = ApacheFtpPeer.start(dir, hashing)) {
            String hash = succeeds("put, get, and hash with a server that offers HASH", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.put(local, "data.bin", ProgressListener.none());
                    client.get("data.bin", dir.resolve("local/copy.bin"), ProgressListener.none());
                    return client.hash("data.bin").orElse("(empty)");
                }
            });
            assertSameFile(original, dir.resolve("local/copy.bin"), "get with HASH verification");
            assertThat(hash).as("what hash(\"data.bin\") returned: the SHA-256 in the server's 213 reply, in hex")
                    .isEqualTo(ClientCalls.sha256(original));
            List<String> hashes = hashing.commands().stream().filter(c -> c.startsWith("HASH")).toList();
            assertThat(hashes).as("the HASH commands your client sent (after put, after get, and hash()); all it sent: %s",
                    hashing.commands()).containsExactly("HASH data.bin", "HASH data.bin", "HASH data.bin");
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a get or put whose SHA-256 differs afterwards (HASH) is an FtpException, not a success")
    void hashMismatchIsAnError() {
        Path local = write(dir.resolve("local/data.bin"), content(SIZE, 24));
        Misbehaviour lies = new Misbehaviour(Misbehaviour.Kind.WRONG_HASH, ApacheFtpPeer.home(dir));
        try (FtpPeer peer = ApacheFtpPeer.start(dir, lies)) {
            write(peer.home().resolve("remote.bin"), content(SIZE, 25));
            assertMismatch(refused("get of a file whose HASH differs from what arrived", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.get("remote.bin", dir.resolve("local/remote.bin"), ProgressListener.none());
                }
                return null;
            }));
            assertMismatch(refused("put of a file whose HASH on the server differs from the local one", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.put(local, "data.bin", ProgressListener.none());
                }
                return null;
            }));
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a server that refuses EPSV is asked with PASV, and the listing still arrives")
    void fallsBackToPasv() {
        Misbehaviour old = new Misbehaviour(Misbehaviour.Kind.NO_EPSV, ApacheFtpPeer.home(dir));
        try (FtpPeer peer = ApacheFtpPeer.start(dir, old)) {
            write(peer.home().resolve("one.txt"), "1".getBytes());
            write(peer.home().resolve("two.txt"), "2".getBytes());
            List<String> names = succeeds("two NLSTs with a server that answers EPSV with 500", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.names(null);
                    return client.names(null);
                }
            });
            assertThat(names).as("NLST through PASV").containsExactlyInAnyOrder("one.txt", "two.txt");
            assertThat(old.commands()).as("the commands your client sent").contains("PASV").last()
                    .as("the last command your client sent, when it was closed").isEqualTo("QUIT");
        }
    }

    private static void assertMismatch(FtpException e) {
        assertThat(e.code()).as("the code of the FtpException for a failed verification, a local failure (%s)",
                e.getMessage()).isZero();
    }
}
