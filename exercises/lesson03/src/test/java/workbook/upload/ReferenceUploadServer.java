package workbook.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import workbook.testkit.Bytes;
import workbook.testkit.Diagnostics;
import workbook.testkit.Patience;
import workbook.testkit.ReferenceServer;

/**
 * A reference upload server for your client to talk to: it records each upload exactly as it
 * arrived (length bytes, header, body, trailer, and anything after it) and answers with a verdict.
 *
 * <p>It reads the length in {@code order}: network order for the step 1 check, your own byte order
 * ({@link Wire#yours()}) for the others. It never waits long: when the body stops short for
 * {@value #QUIET_MS} ms it answers anyway ("the body stopped after N of M bytes"), so a client that
 * sends too few bytes gets a verdict instead of a hang.
 */
final class ReferenceUploadServer implements AutoCloseable {

    static final int QUIET_MS = 700;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One upload as the reference server saw it: the trailer frame (length and JSON) is in {@code trailer}. */
    record Upload(byte[] prefix, byte[] header, JsonNode json, byte[] body, byte[] trailer, JsonNode trailerJson,
            byte[] extra, String problem, String verdict) {
        /** Everything after the body: the trailer and whatever followed it. */
        byte[] afterBody() {
            return Bytes.concat(List.of(trailer, extra));
        }
    }

    private final ByteOrder order;
    private final boolean verdictByteByByte;
    private final ReferenceServer server;
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();

    private ReferenceUploadServer(String name, ByteOrder order, boolean verdictByteByByte) throws IOException {
        this.order = order;
        this.verdictByteByByte = verdictByteByByte;
        this.server = ReferenceServer.start(name, this::handle);
        Diagnostics.note(this::describe);
    }

    /** A reference server that speaks {@code order}. */
    static ReferenceUploadServer start(ByteOrder order) throws IOException {
        return new ReferenceUploadServer("reference upload server", order, false);
    }

    /** A reference server whose verdicts trickle out one byte at a time, a few ms apart. */
    static ReferenceUploadServer trickling(ByteOrder order) throws IOException {
        return new ReferenceUploadServer("reference upload server (verdicts one byte at a time)", order, true);
    }

    int port() {
        return server.port();
    }

    ReferenceServer referenceServer() {
        return server;
    }

    /** The n-th upload (0-based), waiting for its connection to finish (at most a few seconds). */
    Upload upload(int index) {
        server.expectConnection(index).awaitReceived(java.time.Duration.ofMillis(3 * QUIET_MS));
        return uploads.size() > index ? uploads.get(index) : null;
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(ReferenceServer.Connection connection) throws IOException {
        connection.socket().setSoTimeout(QUIET_MS);
        connection.socket().setTcpNoDelay(true);
        InputStream in = connection.in();
        byte[] prefix = readUpTo(in, 4);
        if (prefix.length < 4) {
            uploads.add(new Upload(prefix, new byte[0], null, new byte[0], new byte[0], null, new byte[0],
                    "the connection ended after " + prefix.length + " length bytes", null));
            return;
        }
        int length = ByteBuffer.wrap(prefix).order(order).getInt();
        if (length <= 0 || length > 64 * 1024) {
            uploads.add(new Upload(prefix, new byte[0], null, new byte[0], new byte[0], null, readUpTo(in, 64 * 1024),
                    "the length bytes read in " + (order == Wire.NETWORK ? "network order" : "your byte order")
                            + " give " + length + ", which is no header length",
                    null));
            return;
        }
        byte[] header = readUpTo(in, length);
        JsonNode json;
        try {
            json = JSON.readTree(header);
        } catch (IOException e) {
            json = null;
        }
        long size = json == null ? -1 : json.path("file_size").asLong(-1);
        if (header.length < length || json == null || size < 0 || size > 64L << 20) {
            uploads.add(new Upload(prefix, header, json, new byte[0], new byte[0], null, readUpTo(in, 64 * 1024),
                    "the header is not JSON with a file_size: " + new String(header, StandardCharsets.UTF_8),
                    null));
            return;
        }
        byte[] body = readUpTo(in, (int) size);
        byte[] trailer = new byte[0];
        JsonNode trailerJson = null;
        String verdict;
        boolean ok = false;
        if (body.length < size) {
            verdict = "refused: the body stopped after " + body.length + " of " + Wire.count(size);
        } else {
            byte[] trailerPrefix = readUpTo(in, 4);
            int trailerLength = trailerPrefix.length < 4 ? -1 : ByteBuffer.wrap(trailerPrefix).order(order).getInt();
            byte[] trailerBody = trailerLength > 0 && trailerLength <= 64 * 1024 ? readUpTo(in, trailerLength) : new byte[0];
            trailer = Bytes.concat(List.of(trailerPrefix, trailerBody));
            try {
                trailerJson = trailerBody.length == trailerLength ? JSON.readTree(trailerBody) : null;
            } catch (IOException e) {
                trailerJson = null;
            }
            if (trailerJson == null) {
                verdict = "refused: no trailer frame after the body (4 length bytes, then {\"sha256\": ...})";
            } else if (!Wire.sha256(body).equals(trailerJson.path("sha256").asText())) {
                verdict = "refused: the trailer's SHA-256 is not the one of the body";
            } else {
                ok = true;
                verdict = "saved " + json.path("file_name").asText() + " (" + Wire.count(size) + ", reference server)";
            }
        }
        answer(connection.out(), ok, verdict);
        byte[] extra = readUpTo(in, 64 * 1024);
        uploads.add(new Upload(prefix, header, json, body, trailer, trailerJson, extra, null, verdict));
    }

    private void answer(OutputStream out, boolean ok, String message) throws IOException {
        byte[] frame = Wire.frame(order, JSON.createObjectNode().put("ok", ok).put("message", message).toString());
        if (!verdictByteByByte) {
            out.write(frame);
            out.flush();
            return;
        }
        for (byte b : frame) {
            out.write(b);
            out.flush();
            Patience.pause(3);
        }
    }

    /** Reads up to {@code wanted} bytes; stops early at the end of the stream or after {@value #QUIET_MS} ms of silence. */
    private static byte[] readUpTo(InputStream in, int wanted) throws IOException {
        byte[] data = new byte[wanted];
        int have = 0;
        try {
            while (have < wanted) {
                int n = in.read(data, have, wanted - have);
                if (n == -1) {
                    break;
                }
                have += n;
            }
        } catch (SocketTimeoutException quiet) {
            // the client sent nothing more for a while
        }
        return java.util.Arrays.copyOf(data, have);
    }

    private String describe() {
        StringBuilder s = new StringBuilder("The reference upload server saw " + uploads.size()
                + (uploads.size() == 1 ? " upload" : " uploads"));
        for (int i = 0; i < uploads.size(); i++) {
            Upload u = uploads.get(i);
            s.append("\n  #").append(i + 1).append(": length bytes ").append(java.util.HexFormat.ofDelimiter(" ").formatHex(u.prefix()))
                    .append(", header ").append(new String(u.header(), StandardCharsets.UTF_8))
                    .append(", ").append(u.body().length).append(" body bytes")
                    .append(u.trailerJson() != null ? ", trailer " + u.trailerJson()
                            : u.trailer().length > 0 ? ", " + Wire.count(u.trailer().length) + " where the trailer should be" : "")
                    .append(u.extra().length > 0 ? ", then " + Wire.count(u.extra().length) + " more" : "")
                    .append(u.problem() != null ? "; " + u.problem() : "; answered \"" + u.verdict() + "\"");
        }
        return s.toString();
    }
}
