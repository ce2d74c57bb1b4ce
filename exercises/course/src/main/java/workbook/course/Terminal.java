package workbook.course;

import java.io.Console;
import java.lang.reflect.Method;

/** Colours for a terminal that shows them, plain text for everything else (pipes, files, NO_COLOR, dumb terminals). */
final class Terminal {

    private final boolean colour;

    private Terminal(boolean colour) {
        this.colour = colour;
    }

    /** Colour if standard output is an interactive terminal, NO_COLOR is not set and TERM is not "dumb". */
    static Terminal detect() {
        boolean wanted = System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"))
                && (System.getenv("TERM") != null || System.getenv("WT_SESSION") != null);
        return new Terminal(wanted && isInteractive());
    }

    /** True where the terminal understands colours and can be cleared. */
    boolean canClear() {
        return colour;
    }

    static Terminal plain() {
        return new Terminal(false);
    }

    String green(String s) {
        return paint("32", s);
    }

    String yellow(String s) {
        return paint("33", s);
    }

    String red(String s) {
        return paint("31", s);
    }

    String bold(String s) {
        return paint("1", s);
    }

    String dim(String s) {
        return paint("2", s);
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    /** On JDK 22+ System.console() exists even when redirected: ask isTerminal() where it exists. */
    private static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true; // before JDK 22, a console exists only for a terminal
        }
    }
}
