package workbook.ftp;

/**
 * A command that cannot be carried out, with the reply that says why ({@code 550 No such file}).
 * Commands throw it from deep inside; the session turns it into one reply and reads the next
 * command, so a refused command never ends the session.
 */
final class CommandFailed extends Exception {

    private final int code;

    CommandFailed(int code, String text) {
        super(text, null, false, false); // a reply, not a bug: no stack trace needed
        this.code = code;
    }

    /** The reply code: 4xx (try again later) or 5xx (do not repeat as it is). */
    int code() {
        return code;
    }
}
