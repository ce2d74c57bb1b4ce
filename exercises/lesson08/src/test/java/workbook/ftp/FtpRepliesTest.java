package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static workbook.ftp.ClientCalls.refused;
import static workbook.ftp.ClientCalls.succeeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.LessonChecks;

/** Your FtpClient reading replies a scripted server sends byte for byte: the odd ones RFC 959 allows, and bad ones. */
@LessonChecks
@DisplayName("Lesson 08 · FtpClient reads every kind of reply (step 9)")
class FtpRepliesTest {

    @TempDir
    java.nio.file.Path dir;

    private static final String GREETING = "220 Scripted\r\n";
    private static final Map<String, String> LOGIN = Map.of("USER alice", "331 Password, please\r\n",
            "PASS secret", "230 Logged in\r\n", "FEAT", "500 FEAT not understood\r\n", "TYPE I", "200 Binary\r\n",
            "QUIT", "221 Bye\r\n");

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: multi-line replies (inner lines may start with digits), bare LF endings and quoted paths")
    void oddButLegalReplies() throws Exception {
        String greeting = "220-Welcome\r\n221 is another code\r\n 220 is indented\r\n220-is not the end\r\n220 Ready\r\n";
        Map<String, String> script = with(Map.of("USER alice", "331 Password, please\n",
                "PASS secret", "230-Welcome in\n230 Logged in\n",
                "PWD", "257 \"/a \"\"quoted\"\" dir\" is the current directory\0\r\n", // a NUL is no end
                "SIZE x.bin", "213 1234\r\n"));
        try (ScriptedServer server = new ScriptedServer(greeting, script)) {
            List<String> got = succeeds("login, pwd, size and hash", server, () -> {
                List<String> said = new ArrayList<>();
                try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                    said.add(client.greeting());
                    client.login("alice", "secret");
                    said.add(client.pwd());
                    said.add(String.valueOf(client.size("x.bin")));
                    said.add(client.hash("x.bin").orElse("no hash"));
                }
                return said;
            });
            assertThat(got).as("greeting(), pwd(), size(\"x.bin\") and hash(\"x.bin\") (FEAT was refused)")
                    .containsExactly("220 Welcome", "/a \"quoted\" dir", "1234", "no hash");
            assertThat(server.received()).as("the commands your client sent")
                    .containsSubsequence("USER alice", "PASS secret", "TYPE I", "PWD", "SIZE x.bin", "QUIT")
                    .noneMatch(line -> line.startsWith("HASH"));
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a server that needs no password (230 after USER) is not sent one")
    void noPasswordNeeded() throws Exception {
        try (ScriptedServer server = new ScriptedServer(GREETING, with(Map.of("USER alice", "230 Come in\r\n")))) {
            succeeds("login where USER alone is enough", server, () -> {
                try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                    client.login("alice", "secret");
                }
                return null;
            });
            assertThat(server.received()).as("the commands your client sent").contains("USER alice", "TYPE I")
                    .noneMatch(line -> line.startsWith("PASS"));
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a reply that is not FTP, too long, or not understood is an FtpException")
    void badReplies() throws Exception {
        Map<String, String> script = with(Map.of("SIZE a", "213 lots\r\n",
                "SIZE b", "213 " + "9".repeat(70_000) + "\r\n", "CWD c", "250\r\n",
                "DELE e", "hello there\r\n", "PWD", "257 no quotes here\r\n"));
        try (ScriptedServer server = new ScriptedServer(GREETING, script)) {
            for (Step step : List.<Step>of(FtpClient::pwd, c -> c.size("a"), c -> c.size("b"), c -> c.delete("e"))) {
                FtpException e = refused("a command whose reply is wrong", server, () -> {
                    try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                        client.login("alice", "secret");
                        client.cd("c");
                        step.on(client);
                    }
                    return null;
                });
                assertThat(e.code()).as("the code of the FtpException (%s): a local failure", e.getMessage()).isZero();
            }
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a data port the server cannot mean (0, 70000, none) is an FtpException, not a connection")
    void impossiblePorts() throws Exception {
        for (String[] replies : List.of(new String[] {"229 Entering Extended Passive Mode (|||0|)\r\n", null},
                new String[] {"229 Entering Extended Passive Mode (|||70000|)\r\n", null},
                new String[] {"229 Entering Extended Passive Mode\r\n", null},
                new String[] {"502 No EPSV\r\n", "227 Entering Passive Mode (127,0,0,1,0,0)\r\n"},
                new String[] {"502 No EPSV\r\n", "227 Entering Passive Mode (127,0,0,1)\r\n"},
                new String[] {"502 No EPSV\r\n", "227 Entering Passive Mode (127,0,0,1,256,1)\r\n"})) {
            Map<String, String> script = with(replies[1] == null ? Map.of("EPSV", replies[0])
                    : Map.of("EPSV", replies[0], "PASV", replies[1]));
            try (ScriptedServer server = new ScriptedServer(GREETING, script)) {
                FtpException e = refused("ls after " + replies[0].strip(), server, () -> {
                    try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                        client.login("alice", "secret");
                        client.list(null);
                    }
                    return null;
                });
                assertThat(e.code()).as("the code of the FtpException (%s): a local failure", e.getMessage()).isZero();
                assertThat(server.received()).as("the commands your client sent").noneMatch(l -> l.startsWith("LIST"));
            }
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: the highest data port (65535) is a port like any other")
    void highestPort() throws Exception {
        for (Map<String, String> replies : List.of(Map.of("EPSV", "229 Entering Extended Passive Mode (!!!65535!)\r\n"),
                Map.of("EPSV", "500 What?\r\n", "PASV", "227 Entering Passive Mode (127,0,0,1,255,255)\r\n"))) {
            try (ScriptedServer server = new ScriptedServer(GREETING, with(replies))) {
                ClientCalls.Outcome<Object> outcome = ClientCalls.bounded("ls with data port 65535", server, () -> {
                    try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                        client.login("alice", "secret");
                        return client.list(null);
                    }
                });
                assertThat(outcome.thrown()).as("what ls threw: connecting to port 65535 may fail, but the reply "
                        + "%s is a good one", replies).isNotNull()
                        .matches(e -> !(e instanceof FtpException f) || f.code() != 0, "not a local FtpException");
            }
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: HASH is used only when FEAT offers SHA-256, and a HASH reply of another kind is an error")
    void hashFeature() throws Exception {
        Map<String, String> sha1 = with(Map.of("FEAT", "211-Extensions\r\n SIZE\r\n HASH SHA-1\r\n211 End\r\n"));
        try (ScriptedServer server = new ScriptedServer(GREETING, sha1)) {
            String hash = succeeds("hash with a server that offers HASH SHA-1 only", server, () -> {
                try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                    client.login("alice", "secret");
                    return client.hash("x.bin").orElse("no hash");
                }
            });
            assertThat(hash).as("hash(\"x.bin\") when FEAT offers HASH SHA-1 only").isEqualTo("no hash");
            assertThat(server.received()).as("the commands your client sent").noneMatch(l -> l.startsWith("HASH"));
        }
        Map<String, String> md5 = with(Map.of("FEAT", "211-Extensions\r\n HASH SHA-256\r\n211 End\r\n",
                "HASH x.bin", "213 MD5 0-3 0cc175b9c0f1b6a831c399e269772661 x.bin\r\n", "HASH y.bin", "213 SHA-256\r\n"));
        try (ScriptedServer server = new ScriptedServer(GREETING, md5)) {
            for (String name : List.of("x.bin", "y.bin")) {
                FtpException e = refused("hash of " + name + " answered with a wrong reply", server, () -> {
                    try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                        client.login("alice", "secret");
                        return client.hash(name);
                    }
                });
                assertThat(e.code()).as("the code of the FtpException (%s): a local failure", e.getMessage()).isZero();
            }
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a name with a line break never reaches the server, where it would smuggle in a command")
    void lineBreaksRefused() throws Exception {
        try (ScriptedServer server = new ScriptedServer(GREETING, with(Map.of()))) {
            for (String name : List.of("a\r\nDELE b", "a\nDELE b")) {
                FtpException e = refused("cd with a name holding a line break", server, () -> {
                    try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                        client.login("alice", "secret");
                        client.cd(name);
                    }
                    return null;
                });
                assertThat(e.code()).as("the code of the FtpException (%s): a local failure", e.getMessage()).isZero();
            }
            assertThat(server.received()).as("the commands your client sent")
                    .noneMatch(l -> l.startsWith("DELE") || l.startsWith("CWD"));
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: a server that hangs up, or refuses SIZE before reput, ends the command with an error")
    void hangUpAndRefusedSize() throws Exception {
        try (ScriptedServer server = new ScriptedServer(GREETING, with(Map.of("PWD", ScriptedServer.HANG_UP,
                "SIZE r.bin", "500 SIZE not understood\r\n")))) {
            ClientCalls.Outcome<Object> outcome = ClientCalls.bounded("pwd when the server hangs up", server, () -> {
                try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                    client.login("alice", "secret");
                    return client.pwd();
                }
            });
            assertThat(outcome.thrown()).as("what pwd threw when the server hung up instead of replying")
                    .isInstanceOf(java.io.IOException.class);
            FtpException e = refused("reput when SIZE is not understood", server, () -> {
                try (FtpClient client = FtpClient.connect("127.0.0.1", server.port())) {
                    client.login("alice", "secret");
                    client.reput(ClientCalls.write(dir.resolve("r.bin"), new byte[10]), "r.bin", ProgressListener.none());
                }
                return null;
            });
            assertThat(e.code()).as("the code of the FtpException (%s): the server's", e.getMessage()).isEqualTo(500);
        }
    }

    /** One thing to do with a logged-in client. */
    @FunctionalInterface
    private interface Step {
        void on(FtpClient client) throws Exception;
    }

    /** The login script and these replies. */
    private static Map<String, String> with(Map<String, String> replies) {
        Map<String, String> script = new java.util.HashMap<>(LOGIN);
        script.putAll(replies);
        return script;
    }
}
