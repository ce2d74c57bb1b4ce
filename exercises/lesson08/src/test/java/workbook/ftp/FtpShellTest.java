package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static workbook.ftp.ClientCalls.assertSameFile;
import static workbook.ftp.ClientCalls.content;
import static workbook.ftp.ClientCalls.write;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.ClientRun;
import workbook.testkit.Loopback;
import workbook.testkit.LessonChecks;

/** The interactive client, typed at through its standard input, against Apache FtpServer. */
@LessonChecks
@DisplayName("Lesson 08 · FtpShell (step 9)")
class FtpShellTest {

    @TempDir
    Path dir;

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: the shell opens, logs in, makes a folder, puts, lists, gets and quits")
    void aSession() {
        byte[] original = content(700_000, 31);
        write(dir.resolve("local/photo.jpg"), original);
        Misbehaviour recorder = new Misbehaviour(Misbehaviour.Kind.NONE, ApacheFtpPeer.home(dir));
        try (FtpPeer peer = ApacheFtpPeer.start(dir, recorder)) {
            ClientRun run = shell(peer, """
                    open 127.0.0.1 %d
                    user %s
                    %s
                    mkdir pictures
                    cd pictures
                    pwd
                    put photo.jpg
                    ls
                    size photo.jpg
                    get photo.jpg copy.jpg
                    rm photo.jpg
                    quit
                    ls
                    """.formatted(peer.port(), FtpPeer.USER, FtpPeer.PASSWORD), "127.0.0.1", String.valueOf(peer.port()));
            assertThat(run.err()).as("what the shell printed on standard error (nothing went wrong)%n%s",
                    run.printed()).isEmpty();
            String out = run.out();
            assertThat(out).as("the shell's output").startsWith("Connected to ").contains("ftp> /pictures\n")
                    .contains("ftp> 700000\n").doesNotContain("\r")
                    .contains("Connected to 127.0.0.1:" + peer.port()).contains("Logged in as alice.")
                    .containsPattern("(?m)^(ftp> )?.*700000.* photo\\.jpg$")
                    .contains("photo.jpg: 700000 bytes sent and verified")
                    .contains("photo.jpg: 700000 bytes received and verified");
            assertThat(recorder.commands().stream().filter(c -> c.equals("QUIT")).count())
                    .as("QUITs sent: one when the second open replaced the first connection, one at quit (%s)",
                            recorder.commands()).isEqualTo(2);
            assertThat(out.split("ftp> ", -1)).as("the prompts: one per line typed until quit, plus the first")
                    .hasSize(12);
            assertSameFile(original, dir.resolve("local/copy.jpg"), "get photo.jpg copy.jpg after put photo.jpg");
            assertThat(peer.home().resolve("pictures/photo.jpg")).as("the remote file after rm").doesNotExist();
            assertThat(peer.home().resolve("pictures")).as("the folder made with mkdir").isDirectory();
            assertThat(run.exitCode()).as("the exit code after quit").isZero();
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: every failure is one line on standard error, never a stack trace, and the shell goes on")
    void oneLineErrors() {
        try (FtpPeer peer = ApacheFtpPeer.start(dir)) {
            ClientRun run = shell(peer, """
                    ls
                    open 127.0.0.1 %d
                    user %s
                    not the password
                    user %s
                    %s
                    get missing.bin
                    cd nowhere
                    frobnicate now
                    put not-here.bin
                    get
                    open 127.0.0.1 many
                    pwd
                    """.formatted(peer.port(), FtpPeer.USER, FtpPeer.USER, FtpPeer.PASSWORD));
            List<String> errors = run.err().lines().toList();
            assertThat(errors).as("the lines on standard error, one per failed command%n%s", run.printed())
                    .hasSize(8).allSatisfy(line -> assertThat(line).startsWith("error: ")
                            .doesNotContain("Exception").doesNotContain("\tat "));
            assertThat(errors.get(1)).as("the error for a wrong password").startsWith("error: 530");
            assertThat(errors.get(2)).as("the error for get of a missing file").startsWith("error: 550");
            assertThat(errors.get(3)).as("the error for cd into a missing folder").startsWith("error: 550");
            assertThat(errors.get(5)).as("the error for put of a missing local file").contains("not-here.bin");
            assertThat(run.out()).as("the shell went on after the errors: pwd printed the home, then the end of "
                    + "input ended the shell").endsWith("ftp> /\nftp> \n");
            assertThat(dir.resolve("local/missing.bin")).as("the local file of a failed get").doesNotExist();
            assertThat(run.exitCode()).as("the exit code at the end of input").isZero();
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a refused connection and an unknown host are one line each")
    void unreachable() {
        int port = Loopback.refusedPort();
        try (FtpPeer peer = ApacheFtpPeer.start(dir)) {
            ClientRun run = shell(peer, "open 127.0.0.1 " + port + "\nopen no-such-host.invalid\npwd\nopen 127.0.0.1\nquit\n");
            List<String> errors = run.err().lines().toList();
            assertThat(run.out() + run.err()).as("what open 127.0.0.1 printed: it tries FTP's own port, 21")
                    .contains("127.0.0.1:21");
            assertThat(errors.subList(0, 3)).as("the lines on standard error%n%s", run.printed()).hasSize(3)
                    .allSatisfy(line -> assertThat(line).startsWith("error: ").doesNotContain("Exception"));
            assertThat(errors.get(0)).as("the error for a refused connection").contains(String.valueOf(port));
            assertThat(errors.get(1)).as("the error for an unknown host").contains("no-such-host.invalid")
                    .contains("unknown host");
            assertThat(errors.get(2)).as("the error for pwd with no connection").contains("not connected");
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: the shell shows a transfer's progress on a non-terminal in whole lines, no \\r")
    void progressInALog() {
        byte[] original = content(1_000_000, 32);
        try (FtpPeer peer = ApacheFtpPeer.start(dir)) {
            write(peer.home().resolve("big.bin"), original);
            write(dir.resolve("local/big.bin"), java.util.Arrays.copyOf(original, 400_000));
            ClientRun run = shell(peer, "open 127.0.0.1 %d\nuser %s\n%s\nreget big.bin\nreput big.bin again.bin\n"
                    .formatted(peer.port(), FtpPeer.USER, FtpPeer.PASSWORD));
            assertThat(run.err()).as("standard error%n%s", run.printed()).isEmpty();
            assertThat(run.out()).as("the shell's output on a non-terminal").doesNotContain("\r");
            List<String> progress = run.out().lines().filter(line -> line.matches(".*big.bin.*%.*")).toList();
            assertThat(progress).as("the progress lines of reget big.bin (5: 0, 25, 50, 75, 100 %%)").hasSize(5);
            assertThat(progress.get(4)).as("the last progress line").contains("100%");
            assertSameFile(original, dir.resolve("local/big.bin"), "reget big.bin from the shell");
            assertSameFile(original, peer.home().resolve("again.bin"), "reput big.bin again.bin from the shell");
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: help, a wrong port, a missing argument or password: one line each, and the shell goes on")
    void usage() {
        byte[] original = content(5_000, 33);
        try (FtpPeer peer = ApacheFtpPeer.start(dir)) {
            write(peer.home().resolve("sub/photo.jpg"), original);
            write(dir.resolve("local/other.txt"), new byte[6_000]);
            write(peer.home().resolve("sub/big.txt"), new byte[8_000]);
            ClientRun run = shell(peer, """
                    help
                    open 127.0.0.1 0
                    open 127.0.0.1 70000
                    open 127.0.0.1 twenty-one
                    open

                    open 127.0.0.1 %d
                    user %s
                    %s
                    put a\u0000b
                    get /sub/photo.jpg
                    get sub/photo.jpg other.txt
                    put photo.jpg sub/big.txt
                    open 127.0.0.1 65535
                    open 127.0.0.1 %d
                    user %s
                    """.formatted(peer.port(), FtpPeer.USER, FtpPeer.PASSWORD, peer.port(), FtpPeer.USER));
            List<String> errors = run.err().lines().filter(line -> !line.contains(":65535:")).toList();
            assertThat(run.err()).as("the error for open 127.0.0.1 65535, the highest port (if nothing listens there)")
                    .doesNotContain("not a port number: 65535");
            assertThat(errors).as("the lines on standard error%n%s", run.printed()).hasSize(6)
                    .allSatisfy(line -> assertThat(line).startsWith("error: ").doesNotContain("Exception"));
            assertThat(errors.subList(0, 3)).as("the errors for ports 0, 70000 and twenty-one")
                    .allSatisfy(line -> assertThat(line).contains("not a port number"));
            assertThat(errors.get(3)).as("the error for open alone").contains("usage: open HOST [PORT]");
            assertThat(errors.get(5)).as("the error when the input ends instead of a password").contains("password");
            assertThat(run.out()).as("what help printed").contains("reget").contains("reput").contains("quit");
            assertThat(run.out()).as("what get /sub/photo.jpg printed").contains("photo.jpg: 5000 bytes received");
            assertSameFile(original, dir.resolve("local/photo.jpg"), "get /sub/photo.jpg (saved as photo.jpg)");
            assertSameFile(original, dir.resolve("local/other.txt"), "get sub/photo.jpg other.txt (a longer file)");
            assertSameFile(original, peer.home().resolve("sub/big.txt"), "put photo.jpg sub/big.txt (a longer file)");
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a keyboard that fails ends the shell like the end of input")
    void failingKeyboard() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.InputStream broken = new java.io.InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("keyboard unplugged");
            }
        };
        int exit = FtpShell.run(broken, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), dir, null, false);
        assertThat(exit).as("the exit code").isZero();
        assertThat(workbook.testkit.LineEnds.text(out.toByteArray())).as("what the shell printed").isEqualTo("ftp> \n");
    }

    /** Runs the shell in {@code dir}/local on {@code keyboard}; the peer is closed if it gets stuck. */
    private ClientRun shell(FtpPeer peer, String keyboard, String... args) {
        return ClientRun.run("FtpShell", (in, out, err) -> FtpShell.run(in, out, err, dir.resolve("local"), null,
                false, args), keyboard, ClientCalls.PATIENCE, peer::close).assertFinished();
    }
}
