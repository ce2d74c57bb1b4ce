package workbook.upload;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The server's answer to one upload, framed like a header (see {@link HeaderCodec}) and sent
 * after the body:
 *
 * <pre>
 *   {"ok":true,"message":"saved hi.txt (5 bytes, SHA-256 checked)"}
 *   {"ok":false,"message":"refused: the file name \"../x\" contains a path separator"}
 * </pre>
 * Every upload gets one, so a client never has to guess from silence or from a closed
 * connection whether its file arrived.
 */
@JsonPropertyOrder({"ok", "message"})
public record Verdict(
        @JsonProperty(value = "ok", required = true) boolean ok,
        @JsonProperty(value = "message", required = true) String message) {

    public Verdict {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a verdict needs a message: " + message);
        }
    }

    /** The upload was saved, complete and checked. */
    public static Verdict saved(String what) {
        return new Verdict(true, what);
    }

    /** The upload was not saved, for this reason. */
    public static Verdict refused(String reason) {
        return new Verdict(false, "refused: " + reason);
    }
}
