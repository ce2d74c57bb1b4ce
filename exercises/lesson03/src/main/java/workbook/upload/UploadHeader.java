package workbook.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the client says about the body before sending it: the file's name, its size in bytes,
 * and the SHA-256 of its bytes. It travels as JSON (see {@link HeaderCodec}):
 *
 * <pre>
 *   {"file_name":"hi.txt","file_size":5,"sha256":"2cf24dba...9824"}
 * </pre>
 * The JSON names are the ones of the Python seed ({@code file_name}, {@code file_size}), so a
 * Python client can talk to the Java server. All three are required. A header that breaks
 * these rules cannot be built, so a decoded header is always well-formed; whether the server
 * <em>accepts</em> the name is another question ({@link SafeFileName}).
 */
@JsonPropertyOrder({"file_name", "file_size", "sha256"})
public record UploadHeader(
        @JsonProperty(value = "file_name", required = true) String fileName,
        @JsonProperty(value = "file_size", required = true) long fileSize,
        @JsonProperty(value = "sha256", required = true) String sha256) {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int READ_BUFFER = 1 << 20;

    /** Checks the fields; the messages name the bad value (they end up in the server's verdict). */
    public UploadHeader {
        Objects.requireNonNull(fileName, "file_name must not be null");
        if (fileSize < 0) {
            throw new IllegalArgumentException("file_size must not be negative: " + fileSize);
        }
        if (sha256 == null || !HEX_SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /**
     * Describes a file: its name, size and SHA-256, computed by reading it once, a buffer at a
     * time (never the whole file in memory).
     */
    public static UploadHeader of(Path file) throws IOException {
        MessageDigest sha = newDigest();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[READ_BUFFER];
            for (int n; (n = in.read(buffer)) != -1; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
        }
        return new UploadHeader(file.getFileName().toString(), size, hex(sha.digest()));
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
