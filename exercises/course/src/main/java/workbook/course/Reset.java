package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Restores one lesson's starter ({@code exercises/lessonNN/src/main/java}) to its original state,
 * leaving every other lesson alone; the student's current files are copied aside first.
 *
 * <pre>
 *   Reset lesson03                 from the repository's first commit (a GitHub Classroom or template copy)
 *   Reset lesson03 --from REF      from another git revision, e.g. upstream/main for a clone of the workbook
 * </pre>
 * Uses git. Nothing is lost: the current files are first copied to
 * {@code target/reset-backup/lesson03-<time>/}, then the folder is emptied and checked out again.
 */
public final class Reset {

    /** A reset that cannot be done, with the reason for the user. */
    static final class ResetException extends Exception {
        private static final long serialVersionUID = 1L;

        ResetException(String message) {
            super(message);
        }
    }

    private Reset() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || !args[0].matches("lesson\\d\\d")) {
            System.err.println("usage: reset lessonNN [--from GIT_REVISION]");
            System.exit(2);
        }
        try {
            String from = args.length >= 3 && args[1].equals("--from") ? args[2] : null;
            System.out.println(reset(Path.of("."), args[0], from));
        } catch (ResetException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Restores {@code lesson}'s starter in the checkout at {@code root}; {@code from} null means the first commit. */
    static String reset(Path root, String lesson, String from) throws IOException, InterruptedException, ResetException {
        String starter = "exercises/" + lesson + "/src/main/java";
        if (!Files.isDirectory(root.resolve("exercises").resolve(lesson))) {
            throw new ResetException("There is no lesson " + lesson + " in exercises/.");
        }
        String revision = from != null ? from : firstCommit(root);
        if (git(root, "cat-file", "-e", revision + ":" + starter).exitCode() != 0) {
            throw new ResetException("Revision " + revision + " has no " + starter
                    + ". Pick one that has, with --from (e.g. upstream/main).");
        }
        Path backup = moveAside(root, lesson, root.resolve(starter));
        Result checkout = git(root, "checkout", revision, "--", starter);
        if (checkout.exitCode() != 0) {
            throw new ResetException("git checkout failed (your files are in " + backup + "): " + checkout.output());
        }
        // A fresh start forgets which hint levels were shown (./hint starts again from level 2).
        new Lesson(lesson, root.resolve("exercises").resolve(lesson)).hintRecord().forget();
        return "Restored " + starter + " as of " + revision + ".\nYour previous files are in " + backup + ".";
    }

    /** The first commit of the current branch: what a template copy or a Classroom assignment starts from. */
    static String firstCommit(Path root) throws IOException, InterruptedException, ResetException {
        Result roots = git(root, "rev-list", "--max-parents=0", "HEAD");
        if (roots.exitCode() != 0 || roots.output().isBlank()) {
            throw new ResetException("This is not a git repository with commits: " + roots.output().strip());
        }
        List<String> lines = roots.output().strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** Copies the starter's files to the backup folder, then deletes them (so files the student added go too). */
    private static Path moveAside(Path root, String lesson, Path starter) throws IOException {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path backup = root.resolve("target").resolve("reset-backup").resolve(lesson + "-" + time);
        if (!Files.isDirectory(starter)) {
            return backup;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(starter)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : all) {
            if (Files.isRegularFile(path)) {
                Path copy = backup.resolve(starter.relativize(path));
                Files.createDirectories(copy.getParent());
                Files.copy(path, copy);
            }
            Files.delete(path);
        }
        return backup;
    }

    record Result(int exitCode, String output) {
    }

    static Result git(Path root, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
