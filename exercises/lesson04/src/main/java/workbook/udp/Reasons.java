package workbook.udp;

/**
 * What went wrong, in a few words for an error line: an exception's message, or its kind when it has none.
 *
 * <p>Some exceptions carry no message at all ({@code AsynchronousCloseException}, a bare
 * {@code PortUnreachableException}), and {@code "Lost contact: " + e.getMessage()} would then print
 * {@code "Lost contact: null"}, which tells the user nothing.
 */
final class Reasons {

    private Reasons() {
    }

    /** {@code "Socket closed"}, or {@code "PortUnreachableException"} for an exception without a message. */
    static String of(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
