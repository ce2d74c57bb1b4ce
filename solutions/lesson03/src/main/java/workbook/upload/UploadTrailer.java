package workbook.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the client says about the body after sending it: the SHA-256 of the bytes it sent,
 * framed like the header (see {@link HeaderCodec}):
 *
 * <pre>
 *   {"sha256":"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"}
 * </pre>
 * Why after the body and not in the header? A checksum is known only once every byte has gone
 * through the hash. In the header, it would make the client read the whole file once to hash it
 * and a second time to send it. After the body, the client hashes each buffer as it sends it,
 * and the server hashes each buffer as it receives it: one pass over the file at each end.
 * HTTP/1.1 does the same with the trailer fields that may follow a chunked body.
 */
public record UploadTrailer(@JsonProperty(value = "sha256", required = true) String sha256) {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Checks the field; the message names the bad value (it ends up in the server's verdict). */
    public UploadTrailer {
        if (sha256 == null || !HEX_SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("\"sha256\" must be 64 lower-case hex digits: " + sha256);
        }
    }

    /** The trailer for everything {@code sha} has seen. */
    public static UploadTrailer of(MessageDigest sha) {
        return new UploadTrailer(hex(sha.digest()));
    }

    /** A fresh SHA-256 digest (every JDK has one). */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** Lower-case hex, as Python's hashlib hexdigest() writes it. */
    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
