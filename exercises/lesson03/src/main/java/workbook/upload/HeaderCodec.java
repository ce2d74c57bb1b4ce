package workbook.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Frames a header, a trailer or a verdict as a 4-byte length followed by that many bytes of
 * UTF-8 JSON, the "struct-style" header of the seeds: Python's {@code struct.pack('!I', len(h)) + h}.
 *
 * <pre>
<!-- tag::wire-format[] -->
 One upload: the file hi.txt, whose 5 bytes are "hello"

 BEFORE (the bytes on the wire, left to right)
<!-- tag::wire-upload[] -->
 +-------------+------------------------+-----------+-------------+-----------------------+
 | length      | header                 | body      | length      | trailer               |
 | 4 bytes,    | UTF-8 JSON, exactly    | exactly   | 4 bytes,    | UTF-8 JSON, exactly   |
 | big-endian  | length bytes           | file_size | big-endian  | length bytes          |
 |             |                        | bytes     |             |                       |
 +-------------+------------------------+-----------+-------------+-----------------------+
 | 00 00 00 24 | {"file_name":"hi.txt", | 68 65 6c  | 00 00 00 4d | {"sha256":"2cf2...    |
 | (36)        |  "file_size":5}        | 6c 6f     | (77)        |            ...9824"}  |
 |             |                        | "hello"   |             |                       |
 +-------------+------------------------+-----------+-------------+-----------------------+
<!-- end::wire-upload[] -->

 AFTER (decoded)
 UploadHeader[fileName=hi.txt, fileSize=5]
 then the 5 body bytes, streamed into a file while they are hashed,
 then UploadTrailer[sha256=2cf2...9824], compared with that hash

 The server's answer: the same framing, and no body
<!-- tag::wire-verdict[] -->
 +-------------+--------------------------------------+
 | 00 00 00 3f | {"ok":true,                          |
 | (63)        |  "message":"saved hi.txt (5 bytes,   |
 |             |             SHA-256 checked)"}       |
 +-------------+--------------------------------------+
<!-- end::wire-verdict[] -->
<!-- end::wire-format[] -->

 The same bytes, one part per line (for narrow screens)
<!-- tag::wire-slide[] -->
 length   00 00 00 24            (36, big-endian)
 header   {"file_name":"hi.txt","file_size":5}
 body     68 65 6c 6c 6f         ("hello": 5 bytes)
 length   00 00 00 4d            (77)
 trailer  {"sha256":"2cf2...9824"}
<!-- end::wire-slide[] -->
 * </pre>
 *
 * <p>The codec only turns bytes into objects and back: it reads from any {@link InputStream}
 * (a socket's, or a test's {@code ChunkedInputStream}), never past the end of its frame, so the
 * body that follows stays in the stream for the caller. It checks the length against
 * {@link #MAX_HEADER_LENGTH} before it allocates anything, so four hostile bytes cannot make it
 * reserve gigabytes. Its errors speak the protocol's words ({@code the header has no
 * "file_name"}); the JSON parser's own message stays in the exception's cause, for the log.
 */
public final class HeaderCodec {

    /** No frame needs more: a name of at most 255 bytes and a few short fields. */
    public static final int MAX_HEADER_LENGTH = 8 * 1024;

    /** Strict JSON: every field present, the right type, nothing after the object. */
    // tag::mapper[]
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "5" is not 5
            .withCoercionConfig(LogicalType.Textual, text -> text // 5 is not "5"
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Unknown fields are ignored, so that a newer client may
            // add one (the seed's client sends "msg") and still talk.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    // end::mapper[]

    private HeaderCodec() {
    }

    /** The frame for {@code message}: its JSON length as 4 bytes, then the JSON. */
    // tag::encode[]
    public static byte[] encode(Object message) {
        byte[] json = toJson(message);
        if (json.length > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException(
                    "header too long: " + json.length);
        }
        // TODO(step 1): Like the seed's struct.pack('i'), this writes the
        //  length in this machine's own byte order. Make the four bytes the
        //  same on every machine, as struct.pack('!I') makes them.
        return ByteBuffer.allocate(4 + json.length)
                .order(ByteOrder.nativeOrder())
                .putInt(json.length)
                .put(json)
                .array();
    }
    // end::encode[]

    /** Writes one frame in a single {@code write} call, and flushes. */
    public static void write(OutputStream out, Object message) throws IOException {
        out.write(encode(message));
        out.flush();
    }

    /**
     * Reads one frame and decodes its JSON as {@code type}.
     *
     * @return the message, or empty if the stream ended cleanly before the frame's first byte
     *         (the peer hung up between frames)
     * @throws FrameException if the length is out of range, the stream ends inside the frame,
     *                        or the JSON is not a valid {@code type}
     */
    // tag::starter-read[]
    public static <T> Optional<T> read(InputStream in, Class<T> type)
            throws IOException {
        String what = FrameErrors.name(type);
        // TODO(step 2): Like the seed's recv(4), one read() may return
        //  fewer bytes than asked for: 1, 2 or 3 of the length, part of
        //  the JSON. Read all of them (or find that the stream ended
        //  inside the frame, and say so with a FrameException).
        byte[] prefix = new byte[4];
        if (in.read(prefix) == -1) {
            return Optional.empty();
        }
        // TODO(step 1): the same byte order as encode(), on every machine.
        int length = ByteBuffer.wrap(prefix)
                .order(ByteOrder.nativeOrder()).getInt();
        checkLength(length, what); // before allocating anything
        byte[] json = new byte[length];
        in.read(json);
        return Optional.of(decode(json, type));
    }
    // end::starter-read[]

    /** Refuses a length that cannot be a frame: zero, negative, or more than the maximum. */
    static void checkLength(int length, String what) throws FrameException {
        if (length <= 0 || length > MAX_HEADER_LENGTH) {
            throw new FrameException("the " + what + "'s length " + length
                    + " is not between 1 and " + MAX_HEADER_LENGTH);
        }
    }

    /** Decodes the JSON bytes of one frame: strict UTF-8 first, then strict JSON, then the fields. */
    static <T> T decode(byte[] json, Class<T> type) throws FrameException {
        String what = FrameErrors.name(type);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw new FrameException("the " + what + " is not valid UTF-8", e);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new FrameException("the " + what + " is not valid JSON", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new FrameException("the " + what + " must be a JSON object {...}, not "
                    + FrameErrors.shown(tree));
        }
        try {
            return JSON.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new FrameException(FrameErrors.explain(e, what, tree), e);
        }
    }

    private static byte[] toJson(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + message, e);
        }
    }
}
