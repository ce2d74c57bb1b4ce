package workbook.upload;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import workbook.testkit.Bytes;
import workbook.testkit.Diagnostics;
import workbook.testkit.Received;
import workbook.testkit.SocketWatchdog;
import workbook.testkit.Timeouts;

/**
 * How the checks build and read frames ({@code [4-byte length][JSON]}) by themselves, without your code.
 *
 * <p>Step 1 checks the byte order of the length with bytes made exactly as Python makes them.
 * Every other step speaks the byte order your {@link HeaderCodec#encode} writes ({@link #yours()}),
 * so that a wrong byte order fails step 1 and only step 1.
 */
final class Wire {

    static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ByteOrder yours;

    private Wire() {
    }

    /** The byte order your HeaderCodec writes lengths in (network order if it cannot tell). */
    static synchronized ByteOrder yours() {
        if (yours == null) {
            yours = NETWORK;
            try {
                byte[] frame = HeaderCodec.encode(new UploadHeader("probe.txt", 1));
                int expected = frame.length - 4;
                if (ByteBuffer.wrap(frame, 0, 4).order(NETWORK).getInt() != expected
                        && ByteBuffer.wrap(frame, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == expected) {
                    yours = ByteOrder.LITTLE_ENDIAN;
                }
            } catch (RuntimeException e) {
                // keep network order
            }
        }
        return yours;
    }

    static byte[] prefix(ByteOrder order, int length) {
        return ByteBuffer.allocate(4).order(order).putInt(length).array();
    }

    static byte[] frame(ByteOrder order, byte[] json) {
        return Bytes.concat(List.of(prefix(order, json.length), json));
    }

    static byte[] frame(ByteOrder order, String json) {
        return frame(order, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The compact JSON of a header: {"file_name":...,"file_size":...}. */
    static byte[] headerJson(String name, long size) {
        ObjectNode header = JSON.createObjectNode().put("file_name", name).put("file_size", size);
        return header.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The compact JSON of a trailer: {"sha256":...}. */
    static byte[] trailerJson(String sha256) {
        return JSON.createObjectNode().put("sha256", sha256).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The trailer frame for {@code body}: its SHA-256. */
    static byte[] trailer(ByteOrder order, byte[] body) {
        return frame(order, trailerJson(sha256(body)));
    }

    /** A whole upload: header frame, body, trailer frame. */
    static byte[] upload(ByteOrder order, String name, byte[] body) {
        return Bytes.concat(List.of(frame(order, headerJson(name, body.length)), body, trailer(order, body)));
    }

    /** "1 byte", "5 bytes", for messages. */
    static String count(long bytes) {
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reproducible bytes that are not text: every byte value appears. */
    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /**
     * Writes {@code bytes}; if the peer stops reading so the write blocks longer than {@code patience},
     * closes the socket and fails.
     */
    static void send(Socket socket, byte[] bytes, Duration patience, String what) throws IOException {
        try (SocketWatchdog watchdog = SocketWatchdog.start(socket, patience)) {
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
            } catch (SocketException e) {
                Diagnostics.snapshot();
                if (watchdog.fired()) {
                    fail("Sending " + what + " (" + count(bytes.length) + ") did not finish within "
                            + patience.toSeconds() + " s: the server stopped reading.");
                }
                throw e;
            }
        }
    }

    static void send(Socket socket, byte[] bytes, String what) throws IOException {
        send(socket, bytes, Timeouts.REPLY.multipliedBy(2), what);
    }

    /**
     * A program's printed text with its line ends made "\n", whatever the platform's separator is
     * ("\r\n" on Windows; the checks also run with a lone "\r").
     */
    static String lines(String printed) {
        String separator = System.lineSeparator();
        String text = printed.replace("\r\n", "\n");
        return separator.isEmpty() || separator.equals("\n") ? text : text.replace(separator, "\n");
    }

    /** What {@link #lines} turns a println's line end into: "\n", or nothing if the separator is empty. */
    static final String NL = System.lineSeparator().isEmpty() ? "" : "\n";

    /** Indents every line of a block by two spaces, for failure messages. */
    static String indent(String block) {
        return block.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
    }

    /** A verdict as the checks see it: its fields, and the frame's bytes for failure messages. */
    record Reply(boolean ok, String message, byte[] frame) {
        String shown() {
            return Wire.indent(Bytes.show(frame));
        }
    }

    /** Reads one verdict frame in {@code order}; fails, showing the bytes, if it does not come or is not a verdict. */
    static Reply readVerdict(Socket socket, ByteOrder order, String what) throws IOException {
        return readVerdict(socket, order, what, Timeouts.REPLY);
    }

    /** The same, waiting up to {@code patience} for the verdict to begin. */
    static Reply readVerdict(Socket socket, ByteOrder order, String what, Duration patience) throws IOException {
        Received prefix = Received.read(socket, 4, patience);
        if (prefix.bytes().length < 4) {
            Diagnostics.snapshot();
            fail("Expected the server's verdict on " + what + " (a 4-byte length, then JSON). " + prefix.story()
                    + (prefix.isEmpty() ? "" : "\n" + Wire.indent(Bytes.show(prefix.chunks()))));
        }
        int length = ByteBuffer.wrap(prefix.bytes()).order(order).getInt();
        if (length <= 0 || length > 64 * 1024) {
            Diagnostics.snapshot();
            fail("The verdict on " + what + " starts with the length bytes\n"
                    + Wire.indent(Bytes.show(prefix.bytes())) + "which read in "
                    + (order == NETWORK ? "network order (big-endian)" : "your byte order") + " give " + length
                    + ": not the length of a short JSON verdict.");
        }
        Received json = Received.read(socket, length, Timeouts.REPLY);
        byte[] frame = Bytes.concat(List.of(prefix.bytes(), json.bytes()));
        if (json.bytes().length < length) {
            Diagnostics.snapshot();
            fail("The verdict on " + what + " announced " + count(length) + " of JSON. " + json.story() + "\n"
                    + Wire.indent(Bytes.show(frame)));
        }
        try {
            JsonNode node = JSON.readTree(json.bytes());
            if (node.path("ok").isBoolean() && node.path("message").isTextual()) {
                return new Reply(node.get("ok").asBoolean(), node.get("message").asText(), frame);
            }
        } catch (IOException notJson) {
            // reported below
        }
        Diagnostics.snapshot();
        return fail("The verdict on " + what + " is not {\"ok\": true/false, \"message\": \"...\"}:\n"
                + Wire.indent(Bytes.show(frame)));
    }
}
