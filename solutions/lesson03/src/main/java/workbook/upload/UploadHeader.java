package workbook.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the client says about the body before sending it: the file's name and its size in
 * bytes, as the seed's header dictionary does. It travels as JSON (see {@link HeaderCodec}):
 *
 * <pre>
 *   {"file_name":"hi.txt","file_size":5}
 * </pre>
 * The JSON names are the ones of the Python seed ({@code file_name}, {@code file_size}), so a
 * Python client can talk to the Java server. Both are required. The file's SHA-256 is not here:
 * a sender learns it only after reading the whole file, so it travels after the body, in the
 * {@link UploadTrailer}. A header that breaks these rules cannot be built, so a decoded header
 * is always well-formed; whether the server <em>accepts</em> the name is another question
 * ({@link SafeFileName}).
 */
@JsonPropertyOrder({"file_name", "file_size"})
public record UploadHeader(
        @JsonProperty(value = "file_name", required = true) String fileName,
        @JsonProperty(value = "file_size", required = true) long fileSize) {

    /** Checks the fields; the messages name the bad value (they end up in the server's verdict). */
    public UploadHeader {
        Objects.requireNonNull(fileName, "\"file_name\" must not be null");
        if (fileSize < 0) {
            throw new IllegalArgumentException("\"file_size\" must not be negative: " + fileSize);
        }
    }

    /** Describes a file by its name and size; nothing of it is read yet. */
    public static UploadHeader of(Path file) throws IOException {
        return new UploadHeader(file.getFileName().toString(), Files.size(file));
    }
}
