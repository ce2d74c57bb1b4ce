package workbook.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.Bytes;
import workbook.testkit.ClientRun;
import workbook.testkit.Diagnostics;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.ReferenceServer;

/** The checks for UploadClient: your client uploads to a reference server that records every byte it receives. */
@LessonChecks
@DisplayName("Lesson 03 · UploadClient (steps 1, 2 and 5)")
class UploadClientTest {

    @TempDir
    Path folder;

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: your client sends the header's length in network byte order")
    void sendsLengthInNetworkOrder() throws Exception {
        Path file = write("hello.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        try (var server = ReferenceUploadServer.start(Wire.NETWORK)) {
            upload(server, file); // whether it gets a verdict does not matter here
            ReferenceUploadServer.Upload upload = server.upload(0);
            assertThat(upload).as("what the reference server received").isNotNull();
            byte[] expected = ByteBuffer.allocate(4).putInt(upload.header().length).array();
            if (upload.header().length == 0 || !java.util.Arrays.equals(upload.prefix(), expected)) {
                Diagnostics.snapshot();
                fail("The header's length should come first, as 4 bytes in network order (big-endian), as"
                        + " struct.pack('!I', n) makes them. The first 4 bytes your client sent were "
                        + HexFormat.ofDelimiter(" ").formatHex(upload.prefix())
                        + (upload.header().length > 0 ? ", for a header of " + upload.header().length
                                + " bytes: expected " + HexFormat.ofDelimiter(" ").formatHex(expected) : "")
                        + ".");
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: your client reads a verdict that arrives one byte at a time")
    void readsATricklingVerdict() throws Exception {
        Path file = write("slow-answer.txt", "patience".getBytes(StandardCharsets.US_ASCII));
        try (var server = ReferenceUploadServer.trickling(Wire.yours())) {
            ClientRun run = upload(server, file).assertFinished();
            assertThat(run.exitCode()).withFailMessage("The verdict should read as saved; your client printed:\n%s",
                    run.printed()).isZero();
            assertThat(run.out()).as("the verdict's message, as your client read it")
                    .isEqualTo("saved slow-answer.txt (8 bytes, reference server)");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the header names the file and its size, the trailer carries the SHA-256 of its bytes")
    void sendsTheRightHeaderAndTrailer() throws Exception {
        byte[] data = "the header describes the body,\r\nthe trailer vouches for it".getBytes(StandardCharsets.US_ASCII);
        Path file = write("described.txt", data);
        try (var server = ReferenceUploadServer.start(Wire.yours())) {
            upload(server, file);
            ReferenceUploadServer.Upload upload = server.upload(0);
            assertThat(upload).as("what the reference server received").isNotNull();
            assertThat(upload.json()).withFailMessage("The header should be JSON; it was:\n%s",
                    Bytes.show(upload.header())).isNotNull();
            assertThat(upload.json().path("file_name").asText()).as("file_name").isEqualTo("described.txt");
            assertThat(upload.json().path("file_size").asLong(-1)).as("file_size").isEqualTo(data.length);
            assertThat(upload.trailerJson()).withFailMessage("After the body should come a trailer frame, {\"sha256\":"
                    + " ...} after 4 length bytes; after the %s the server received:\n%s", Wire.count(upload.body().length),
                    Bytes.show(upload.afterBody())).isNotNull();
            assertThat(upload.trailerJson().path("sha256").asText()).as("the trailer's sha256 (of the file's bytes)")
                    .isEqualTo(Wire.sha256(data));
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a binary file (all 256 byte values, CR LF, no newline at the end) arrives byte for byte")
    void sendsBinaryBytesExactly() throws Exception {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("line one\r\nline two\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 256; i++) {
            data.write(i);
        }
        data.writeBytes("\n\n\r no newline at the end".getBytes(StandardCharsets.US_ASCII));
        assertArrivesExactly(write("mixed.bin", data.toByteArray()));
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: files of 0, 1, 1023, 1024, 1025 bytes and 1 MiB reach a reference server byte for byte")
    void sendsEverySizeExactly() throws Exception {
        for (int size : UploadServerTest.SIZES) {
            assertArrivesExactly(write("size-" + size + ".bin", Wire.randomBytes(size, 1000 + size)));
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the client lists the files numbered, rejects a non-number and an out-of-range choice,"
            + " and uploads the file chosen")
    void choosesAFileByNumber() throws Exception {
        write("a.txt", "alpha\n".getBytes(StandardCharsets.US_ASCII));
        write("b.txt", "bravo\n".getBytes(StandardCharsets.US_ASCII));
        write("c.txt", "charlie\n".getBytes(StandardCharsets.US_ASCII));
        try (var server = ReferenceUploadServer.start(Wire.yours())) {
            ClientRun run = interactive(server, "x\n0\n4\n\n2\n").assertFinished();
            assertThat(run.exitCode()).withFailMessage("The exit code after the input ended should be 0.\n%s",
                    run.printed()).isZero();
            String out = run.out();
            assertThat(out).as("the list of files").contains("1. a.txt", "2. b.txt", "3. c.txt");
            String[] afterPrompts = out.split(UploadClient.PROMPT, -1);
            assertThat(afterPrompts).as("what follows each prompt (input: x, 0, 4, an empty line, 2, end)\n%s",
                    run.printed()).hasSize(7);
            assertThat(afterPrompts[1]).as("the answer to \"x\" (not a number)").isNotBlank();
            assertThat(afterPrompts[2]).as("the answer to \"0\" (no such file)").isNotBlank();
            assertThat(afterPrompts[3]).as("the answer to \"4\" (no such file: there are 3)").isNotBlank();
            assertThat(server.referenceServer().connections()).as("connections to the server: only the choice \"2\" uploads")
                    .hasSize(1);
            ReferenceUploadServer.Upload upload = server.upload(0);
            assertThat(upload.json().path("file_name").asText()).as("the file uploaded after typing 2").isEqualTo("b.txt");
            assertThat(afterPrompts[5]).as("what the client printed after the upload")
                    .contains("saved b.txt (6 bytes, reference server)");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the client shows a progress bar that reaches 100% and prints the server's verdict")
    void showsProgressAndVerdict() throws Exception {
        write("big.bin", "0123456789abcdef\n".repeat(60_000).getBytes(StandardCharsets.US_ASCII));
        try (var server = ReferenceUploadServer.start(Wire.yours())) {
            ClientRun run = interactive(server, "1\n").assertFinished();
            assertThat(run.out()).as("what the client printed").contains("100%").contains(server.upload(0).verdict());
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a refused connection is reported in one clear line, not a stack trace")
    void reportsRefusedConnection() throws Exception {
        write("a.txt", "alpha\n".getBytes(StandardCharsets.US_ASCII));
        int port = Loopback.refusedPort();
        ClientRun run = ClientRun.run("UploadClient",
                (in, out, err) -> UploadClient.run(in, out, err, folder, Loopback.address(port)), "1\n", () -> { });
        run.assertFinished();
        assertThat(run.exitCode()).as("the exit code when the connection was refused").isNotZero();
        assertThat(run.err().lines().toList()).as("what the client printed on standard error").hasSize(1)
                .allSatisfy(line -> assertThat(line).contains(String.valueOf(port)).doesNotContain("Exception"));
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: choices 1 and 3 of 3 are files; 0, 4, 007, -1, 1.5 and 99999999999 are not,"
            + " and each gets an answer that names the range")
    void validatesEveryChoice() throws Exception {
        write("a.txt", "alpha\n".getBytes(StandardCharsets.US_ASCII));
        write("b.txt", "bravo\n".getBytes(StandardCharsets.US_ASCII));
        write("c.txt", "charlie\n".getBytes(StandardCharsets.US_ASCII));
        try (var server = ReferenceUploadServer.start(Wire.yours())) {
            ClientRun run = interactive(server, "0\n9\n007\nabc\n1.5\n99999999999\n3\n1\n").assertFinished();
            assertThat(run.exitCode()).withFailMessage("The exit code after the input ended should be 0.\n%s",
                    run.printed()).isZero();
            String[] afterPrompts = run.out().split(UploadClient.PROMPT, -1);
            assertThat(afterPrompts).as("what follows each prompt\n%s", run.printed()).hasSize(10);
            String[] refused = {"0", "9", "007", "abc", "1.5", "99999999999"};
            for (int i = 0; i < refused.length; i++) {
                assertThat(afterPrompts[i + 1]).as("the answer to \"%s\" (not a file's number)", refused[i])
                        .contains("1 to 3").doesNotContain("Uploading");
            }
            // A number out of range is named in the answer; text that is no number at all is not a "file number".
            assertThat(afterPrompts[1]).as("the answer to \"0\"").contains("0");
            assertThat(afterPrompts[2]).as("the answer to \"9\"").contains("9");
            assertThat(afterPrompts[4]).as("the answer to \"abc\"").doesNotContain("abc");
            assertThat(Wire.lines(afterPrompts[7])).as("the answer to \"3\"")
                    .startsWith("Uploading c.txt to " + Loopback.address(server.port()).getHostString() + ":" + server.port() + Wire.NL)
                    .contains("100%  8 B of 8 B" + Wire.NL + "saved c.txt");
            assertThat(afterPrompts[7]).as("the answer to \"3\"").contains("saved c.txt");
            assertThat(afterPrompts[8]).as("the answer to \"1\"").contains("saved a.txt");
            assertThat(server.referenceServer().connections()).as("connections: only the choices 3 and 1 upload").hasSize(2);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: an empty folder is said to be empty, and no choice uploads anything")
    void saysAnEmptyFolderIsEmpty() throws Exception {
        try (var server = ReferenceUploadServer.start(Wire.yours())) {
            ClientRun run = interactive(server, "1\n").assertFinished();
            assertThat(run.exitCode()).as("the exit code after the input ended").isZero();
            assertThat(Wire.lines(run.out())).as("what the client printed for an empty folder")
                    .contains("no files").doesNotContain("Uploading").endsWith(UploadClient.PROMPT + Wire.NL);
            assertThat(server.referenceServer().connections()).as("connections to the server").isEmpty();
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the list is sorted by name, with sizes, and shown again after each upload")
    void listsSortedWithSizes() throws Exception {
        write("zeta.bin", new byte[1536]);
        write("alpha.txt", "a".getBytes(StandardCharsets.US_ASCII));
        Files.createDirectory(folder.resolve("a-directory"));
        try (var server = ReferenceUploadServer.start(Wire.yours())) {
            ClientRun run = interactive(server, "2\n").assertFinished();
            String out = Wire.lines(run.out());
            assertThat(out).as("the list").contains("  1. alpha.txt (1 B)" + Wire.NL, "  2. zeta.bin (1.5 KiB)" + Wire.NL)
                    .doesNotContain("a-directory");
            assertThat(out.split("  1\\. alpha\\.txt", -1)).as("the list, shown before and after the upload\n%s",
                    out).hasSize(3);
            assertThat(out).contains("saved zeta.bin (1536 bytes, reference server)");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a server that hangs up without a verdict is reported in one line, exit code 1")
    void reportsAServerThatHangsUp() throws Exception {
        write("a.txt", "alpha\n".getBytes(StandardCharsets.US_ASCII));
        try (ReferenceServer rude = ReferenceServer.start("a server that reads the upload, then hangs up", connection -> {
            connection.socket().setSoTimeout(300);
            try {
                connection.in().readAllBytes();
            } catch (java.net.SocketTimeoutException enough) {
                // all sent: now hang up without a word
            }
        })) {
            ClientRun run = ClientRun.run("UploadClient",
                    (in, out, err) -> UploadClient.run(in, out, err, folder, Loopback.address(rude.port())), "1\n",
                    rude::dropConnections).assertFinished();
            assertThat(run.exitCode()).as("the exit code after the connection was lost\n%s", run.printed()).isEqualTo(1);
            assertThat(run.err().lines().toList()).as("what the client printed on standard error").hasSize(1)
                    .allSatisfy(line -> assertThat(line).doesNotContain("Exception", "null").contains("verdict"));
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a server that hangs up hard in the middle of the body is reported in one line, exit code 1")
    void reportsAServerThatResets() throws Exception {
        write("big.bin", Wire.randomBytes(16 << 20, 6));
        try (ReferenceServer rude = ReferenceServer.start("a server that resets the connection after the header", connection -> {
            connection.in().readNBytes(4);
            connection.socket().setSoLinger(true, 0); // the close below sends a reset, and no verdict
        })) {
            ClientRun run = ClientRun.run("UploadClient",
                    (in, out, err) -> UploadClient.run(in, out, err, folder, Loopback.address(rude.port())), "1\n",
                    rude::dropConnections).assertFinished();
            assertThat(run.exitCode()).as("the exit code after the connection was reset\n%s", run.printed()).isEqualTo(1);
            assertThat(run.err().lines().toList()).as("what the client printed on standard error").hasSize(1)
                    .allSatisfy(line -> assertThat(line).doesNotContain("Exception", "null").isNotBlank());
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: an empty file is uploaded too, with a bar at 100%; an unknown host is one line, exit code 2")
    void uploadsAnEmptyFileAndNamesAnUnknownHost() throws Exception {
        write("empty.txt", new byte[0]);
        try (var server = ReferenceUploadServer.start(Wire.yours())) {
            ClientRun run = interactive(server, "1\n").assertFinished();
            assertThat(run.out()).as("what the client printed for an empty file").contains("100%  0 B of 0 B")
                    .contains("saved empty.txt (0 bytes, reference server)");
        }
        java.net.InetSocketAddress nowhere = java.net.InetSocketAddress.createUnresolved("no-such-host.invalid", 8080);
        ClientRun run = ClientRun.run("UploadClient", (in, out, err) -> UploadClient.run(in, out, err, folder, nowhere),
                "1\n", () -> { }).assertFinished();
        assertThat(run.exitCode()).as("the exit code for an unknown host").isEqualTo(2);
        assertThat(run.err().lines().toList()).as("what the client printed on standard error").hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("no-such-host.invalid").doesNotContain("Exception"));
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a refusal the server sends before the body is over is still printed")
    void printsAnEarlyRefusal() throws Exception {
        Path file = write("big.bin", Wire.randomBytes(16 << 20, 5));
        String refusal = "refused: \"big.bin\" exists already (reference server)";
        try (ReferenceServer early = ReferenceServer.start("a server that refuses after the header", connection -> {
            InputStream in = connection.in();
            int length = ByteBuffer.wrap(in.readNBytes(4)).order(Wire.yours()).getInt();
            in.readNBytes(length);
            connection.out().write(Wire.frame(Wire.yours(), "{\"ok\":false,\"message\":\"" + refusal.replace("\"",
                    "\\\"") + "\"}"));
            connection.out().flush();
            connection.socket().shutdownOutput();
            connection.socket().setSoLinger(true, 0); // hang up hard: the client's next writes fail
        })) {
            ClientRun run = ClientRun.run("UploadClient.upload", (in, out, err) -> {
                Verdict verdict = UploadClient.upload(file, Loopback.address(early.port()), sent -> { });
                out.print(verdict.message());
                return verdict.ok() ? 0 : 1;
            }, "", early::dropConnections).assertFinished();
            assertThat(run.out()).withFailMessage("The server refused the upload early and hung up; the client should"
                    + " still return its verdict.\n%s", run.printed()).isEqualTo(refusal);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(folder.resolve(name), data);
    }

    /** Uploads one file with UploadClient.upload; prints the verdict's message, exit code 0 if saved. */
    private static ClientRun upload(ReferenceUploadServer server, Path file) {
        return ClientRun.run("UploadClient.upload", (in, out, err) -> {
            Verdict verdict = UploadClient.upload(file, Loopback.address(server.port()), sent -> { });
            out.print(verdict.message());
            return verdict.ok() ? 0 : 1;
        }, "", server.referenceServer()::dropConnections);
    }

    private ClientRun interactive(ReferenceUploadServer server, String keyboard) {
        return ClientRun.run("UploadClient",
                (in, out, err) -> UploadClient.run(in, out, err, folder, Loopback.address(server.port())), keyboard,
                server.referenceServer()::dropConnections);
    }

    private void assertArrivesExactly(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        try (var server = ReferenceUploadServer.start(Wire.yours())) {
            ClientRun run = upload(server, file);
            ReferenceUploadServer.Upload upload = server.upload(0);
            assertThat(upload).as("what the reference server received").isNotNull();
            byte[] received = upload.body();
            if (!java.util.Arrays.equals(data, received)) {
                Diagnostics.snapshot();
                fail("The body of " + file.getFileName() + " (" + Wire.count(data.length) + ") should arrive exactly as it"
                        + " is in the file. (| marks where the announced file_size ended; the trailer frame follows.)\n"
                        + Bytes.compare(data, List.of(upload.body(), upload.afterBody())));
            }
            run.assertFinished();
            assertThat(run.exitCode()).withFailMessage("Your client should report the reference server's verdict"
                    + " (saved) and end normally.\n%s", run.printed()).isZero();
        }
    }
}
