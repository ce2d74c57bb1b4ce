package workbook.upload;

/**
 * An upload the server will not keep, although it was framed correctly: an unsafe file name, a
 * name that already exists, a size it cannot take, a body that does not match its header.
 * The message is the reason, sent back to the client in the {@link Verdict}.
 */
public final class RefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public RefusedException(String reason) {
        super(reason);
    }
}
