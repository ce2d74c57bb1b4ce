package workbook.ftp;

import java.io.IOException;

/** A failure the user should read: the server's reply ("550 No such file"), or a local one (code 0). */
public class FtpException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int code;

    /** @param code the server's reply code, or 0 when the failure was found on this side */
    public FtpException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The server's reply code (550), or 0 for a local failure such as a failed verification. */
    public int code() {
        return code;
    }
}
