package workbook.framing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The "remote commands" of {@link CommandServer}: a few shell-like built-ins over the
 * {@link VirtualDirectory}, and nothing else.
 *
 * <pre>
 *   run("size big.txt")    =  "1048576\n"
 *   run("head 5 big.txt")  =  "big.t"
 *   run("cat empty.txt")   =  ""                  (an output of 0 bytes)
 *   run("rm -rf /")        =  "error: unknown command: rm (try help)\n"
 * </pre>
 * A server that handed the command line to a real shell would be a remote shell for anyone
 * who can connect; this one never starts a process and never touches the real disk, so a
 * check, or a curious student, can type anything. It is pure: a command line in, the output's bytes out, no sockets. Every
 * output is at most {@link #MAX_OUTPUT} bytes, so no command can make the server allocate
 * without bound.
 */
public final class Commands {

    /** The longest output of any command: the size of big.txt, 1 MiB. */
    public static final int MAX_OUTPUT = VirtualDirectory.BIG_SIZE;

    static final String HELP = """
            Commands (a sandbox: the files are built into the lesson, no shell runs):
              help            this list
              ls              the files and their sizes in bytes
              cat NAME        the file's contents
              head N NAME     the first N bytes of the file
              size NAME       the file's size in bytes
              echo TEXT       the text itself
            """;

    private final VirtualDirectory files = VirtualDirectory.standard();

    /** Runs one command line and returns its output; a bad command gets an "error: ..." line as output. */
    public byte[] run(String commandLine) {
        String line = commandLine.strip();
        String[] words = line.split("\\s+");
        String args = line.substring(words[0].length()).strip();
        return switch (words[0]) {
            case "" -> new byte[0]; // like pressing Enter in a shell
            case "help" -> text(HELP);
            case "ls" -> text(listing());
            case "cat" -> file(args).orElseGet(() -> noSuchFile(args));
            case "size" -> file(args).map(b -> text(b.length + "\n")).orElseGet(() -> noSuchFile(args));
            case "head" -> head(words);
            case "echo" -> text(args + "\n");
            default -> text("error: unknown command: " + words[0] + " (try help)\n");
        };
    }

    private byte[] head(String[] words) {
        if (words.length != 3) {
            return text("error: usage: head N NAME\n");
        }
        int n;
        try {
            n = Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            return text("error: not a byte count: " + words[1] + "\n");
        }
        Optional<byte[]> file = file(words[2]);
        if (file.isEmpty()) {
            return noSuchFile(words[2]);
        }
        return Arrays.copyOf(file.get(), Math.min(n, file.get().length));
    }

    private String listing() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Integer> f : files.sizes().entrySet()) {
            s.append(String.format("%-12s %8d\n", f.getKey(), f.getValue()));
        }
        return s.toString();
    }

    private Optional<byte[]> file(String name) {
        return files.read(name);
    }

    private static byte[] noSuchFile(String name) {
        return text(name.isEmpty() ? "error: which file? (try ls)\n" : "error: no such file: " + name + " (try ls)\n");
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
