package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static workbook.ftp.ClientCalls.assertSameFile;
import static workbook.ftp.ClientCalls.content;
import static workbook.ftp.ClientCalls.loggedIn;
import static workbook.ftp.ClientCalls.refused;
import static workbook.ftp.ClientCalls.succeeds;
import static workbook.ftp.ClientCalls.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Your FtpClient against a real FTP server: the same checks run against Apache FtpServer
 * ({@link FtpClientApacheTest}) and against the lesson's reference server ({@link FtpClientReferenceTest}).
 */
abstract class ClientChecks {

    /** A few MiB and a few bytes: many blocks, and a last one that is not full. */
    static final int BIG = 3 * 1024 * 1024 + 123;

    @TempDir
    Path dir;

    /** The server this class's checks talk to. */
    abstract FtpPeer startPeer(Path dir);

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: the client logs in with the right password, and a wrong one is an FtpException 530")
    void logsIn() {
        try (FtpPeer peer = startPeer(dir)) {
            String home = succeeds("login with the right password, then pwd", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    return client.pwd();
                }
            });
            assertThat(home).as("pwd right after logging in to %s", peer.name()).isEqualTo("/");
            FtpException e = refused("login with a wrong password", peer, () -> {
                try (FtpClient client = FtpClient.connect("127.0.0.1", peer.port())) {
                    client.login(FtpPeer.USER, "wrong " + FtpPeer.PASSWORD);
                    return null;
                }
            });
            assertThat(e.code()).as("the code of the FtpException for a wrong password (%s)", e.getMessage())
                    .isEqualTo(530);
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: the client makes a directory, lists it, goes in and out, and deletes a file")
    void directories() {
        try (FtpPeer peer = startPeer(dir)) {
            write(peer.home().resolve("docs-readme.txt"), "read me\n".getBytes());
            List<String> seen = succeeds("mkdir, ls, names, cd, pwd, delete", peer, () -> {
                List<String> said = new ArrayList<>();
                try (FtpClient client = loggedIn(peer)) {
                    client.mkdir("docs");
                    said.add("ls: " + String.join(" | ", client.list(null)));
                    said.add("names of docs: " + client.names("docs"));
                    said.add("names: " + String.join(" | ", client.names("")));
                    client.cd("docs");
                    said.add("pwd: " + client.pwd());
                    said.add("names in docs: " + client.names(null));
                    client.cd("/");
                    client.delete("docs-readme.txt");
                    said.add("names: " + client.names(null));
                }
                return said;
            });
            assertThat(Files.isDirectory(peer.home().resolve("docs"))).as("the folder docs in the user's home after mkdir")
                    .isTrue();
            assertThat(seen).as("what the client got from %s", peer.name()).hasSize(6);
            assertThat(seen.remove(1)).as("NLST docs: the new folder is empty").isEqualTo("names of docs: []");
            assertThat(seen.get(0)).as("a LIST line per entry, ls -l style").contains("docs").contains("docs-readme.txt")
                    .doesNotContain("\r");
            assertThat(seen.get(1)).as("NLST: the names alone").isIn("names: docs | docs-readme.txt",
                    "names: docs-readme.txt | docs");
            assertThat(seen.subList(2, 5)).as("pwd in docs, then the names there, then the names after the delete")
                    .containsExactly("pwd: /docs", "names in docs: []", "names: [docs]");
            assertThat(peer.home().resolve("docs-readme.txt")).as("the deleted file").doesNotExist();
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: put then get of a few MiB gives identical files, with progress up to the whole size")
    void putThenGet() {
        byte[] original = content(BIG, 9);
        Path local = write(dir.resolve("local/original.bin"), original);
        try (FtpPeer peer = startPeer(dir)) {
            List<long[]> progress = new ArrayList<>();
            succeeds("put of " + BIG + " bytes, then get", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.put(local, "big.bin", (done, total) -> progress.add(new long[] {done, total}));
                    client.get("big.bin", write(dir.resolve("local/copy.bin"), content(BIG + 999, 1)),
                            ProgressListener.none()); // a longer file of that name was here already
                }
                return null;
            });
            assertSameFile(original, peer.home().resolve("big.bin"), "put to " + peer.name());
            assertSameFile(original, dir.resolve("local/copy.bin"), "get from " + peer.name());
            assertThat(progress).as("the progress your put reported").isNotEmpty();
            assertThat(progress.get(progress.size() - 1)).as("the last progress of a put: done and total")
                    .containsExactly(BIG, BIG);
            assertThat(progress.get(0)[0]).as("the first progress of a put (done)").isZero();
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: reget resumes a partial download where the local file ends, to an identical file")
    void regetResumes() {
        byte[] original = content(BIG, 10);
        int already = 1024 * 1024 + 17;
        try (FtpPeer peer = startPeer(dir)) {
            write(peer.home().resolve("movie.bin"), original);
            Path local = write(dir.resolve("local/movie.bin"), java.util.Arrays.copyOf(original, already));
            List<Long> done = new ArrayList<>();
            ClientCalls.Outcome<Object> outcome = ClientCalls.bounded("reget of movie.bin", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.reget("movie.bin", local, (d, total) -> done.add(d));
                }
                return null;
            });
            assertSameFile(original, local, "reget of a file whose first " + already + " bytes were here already"
                    + (outcome.thrown() == null ? "" : " (reget threw " + outcome.thrown() + ")"));
            assertThat(outcome.thrown()).as("what reget threw after it made an identical file").isNull();
            assertThat(done).as("the progress of reget: it starts where the local file ended").isNotEmpty();
            assertThat(done.get(0)).as("the first progress of reget (done)").isEqualTo(already);
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: reget with no local file downloads it all, with a complete one adds nothing, a longer one is an error")
    void regetFromNothing() {
        byte[] original = content(200_000, 11);
        try (FtpPeer peer = startPeer(dir)) {
            write(peer.home().resolve("small.bin"), original);
            Path local = dir.resolve("small.bin");
            succeeds("reget of small.bin with no local file", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.reget("small.bin", local, ProgressListener.none());
                    client.reget("small.bin", local, ProgressListener.none()); // complete already: nothing to add
                }
                return null;
            });
            assertSameFile(original, local, "reget with no local file, then reget of the complete file");
            write(local, content(200_001, 11));
            FtpException e = refused("reget when the local file is longer than the remote one", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.reget("small.bin", local, ProgressListener.none());
                }
                return null;
            });
            assertThat(e.code()).as("the code of the FtpException (%s): a local failure", e.getMessage()).isZero();
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: reput resumes a partial upload where the server's file ends, to an identical file")
    void reputResumes() {
        byte[] original = content(BIG, 12);
        int already = 2 * 1024 * 1024 + 5;
        Path local = write(dir.resolve("local/backup.bin"), original);
        try (FtpPeer peer = startPeer(dir)) {
            write(peer.home().resolve("backup.bin"), java.util.Arrays.copyOf(original, already));
            List<Long> done = new ArrayList<>();
            succeeds("reput of backup.bin", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.reput(local, "backup.bin", (d, total) -> done.add(d));
                    client.reput(local, "fresh.bin", ProgressListener.none());
                }
                return null;
            });
            assertSameFile(original, peer.home().resolve("backup.bin"),
                    "reput to " + peer.name() + " of a file whose first " + already + " bytes were there already");
            assertSameFile(original, peer.home().resolve("fresh.bin"), "reput of a file the server did not have yet");
            assertThat(done.get(0)).as("the first progress of reput (done): where the server's file ended")
                    .isEqualTo(already);
            write(peer.home().resolve("longer.bin"), content(BIG + 1, 13));
            FtpException e = refused("reput when the server's file is longer than the local one", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.reput(local, "longer.bin", ProgressListener.none());
                }
                return null;
            });
            assertThat(e.code()).as("the code of the FtpException (%s): a local failure", e.getMessage()).isZero();
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a missing file is an FtpException 550, and no local file is left that looks downloaded")
    void missingFile() {
        try (FtpPeer peer = startPeer(dir)) {
            Path local = dir.resolve("nope.bin");
            FtpException e = refused("get of a file that does not exist", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.get("nope.bin", local, ProgressListener.none());
                }
                return null;
            });
            assertThat(e.code()).as("the code of the FtpException (%s)", e.getMessage()).isEqualTo(550);
            assertThat(e.getMessage()).as("the FtpException's message: the server's reply").startsWith("550");
            assertThat(local).as("the local file after a failed get").doesNotExist();
            FtpException cd = refused("cd into a folder that does not exist", peer, () -> {
                try (FtpClient client = loggedIn(peer)) {
                    client.cd("no-such-folder");
                }
                return null;
            });
            assertThat(cd.code()).as("the code of the FtpException (%s)", cd.getMessage()).isEqualTo(550);
        }
    }
}
