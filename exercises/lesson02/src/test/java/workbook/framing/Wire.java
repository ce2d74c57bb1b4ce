package workbook.framing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import workbook.testkit.Bytes;
import workbook.testkit.Expect;
import workbook.testkit.Received;
import workbook.testkit.Timeouts;

/**
 * The lesson's wire format written out a second time, independently of the student's code, so that the checks can
 * speak it and expect it: a 4-byte big-endian length, then the payload.
 */
final class Wire {

    private Wire() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes in hex, such as "00 00 00 05 68 65 6c 6c 6f"; long ones cut after 16 bytes. */
    static String hex(byte[] bytes) {
        String shown = java.util.HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, 16));
        return bytes.length > 16 ? shown + " ... (" + bytes.length + " bytes)" : shown;
    }

    /** Every line of a block indented by two spaces, for failure messages. */
    static String indent(String block) {
        return block.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
    }

    /** The frame for one payload. */
    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    static byte[] frame(String text) {
        return frame(utf8(text));
    }

    /** The frames of several payloads, back to back. */
    static byte[] frames(List<byte[]> payloads) {
        return Bytes.concat(payloads.stream().map(Wire::frame).toList());
    }

    /** A 4-byte header announcing {@code length} (unsigned), with no payload after it. */
    static byte[] header(long length) {
        return ByteBuffer.allocate(4).putInt((int) length).array();
    }

    /** Bytes that are the same for a given seed: 'a' to 'z' and a few others, so failures stay readable. */
    static byte[] pattern(int length, long seed) {
        Random random = new Random(seed);
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i % 61 == 60 ? '\n' : 'a' + random.nextInt(26));
        }
        return b;
    }

    /** The reference decoder: the next frame's payload, or empty at a clean end of stream; refuses long frames. */
    static Optional<byte[]> readFrame(InputStream stream, int maxLength) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int first = in.read();
        if (first == -1) {
            return Optional.empty();
        }
        byte[] header = new byte[4];
        header[0] = (byte) first;
        in.readFully(header, 1, 3);
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt());
        if (length > maxLength) {
            throw new EOFException("the reference decoder refuses a frame of " + length + " bytes (limit "
                    + maxLength + "); header " + hex(header));
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return Optional.of(payload);
    }

    /** Writes the frames of these commands, each with its own write() and flush(). */
    static void sendEach(Socket socket, List<String> commands) throws IOException {
        OutputStream out = socket.getOutputStream();
        for (String command : commands) {
            out.write(frame(command));
            out.flush();
        }
    }

    /** Writes the frames of these commands all at once, in one write(). */
    static void sendAll(Socket socket, List<String> commands) throws IOException {
        socket.getOutputStream().write(frames(commands.stream().map(Wire::utf8).toList()));
        socket.getOutputStream().flush();
    }

    /**
     * Reads the next reply as a reference client would (its 4-byte length, then the payload) and fails unless it is
     * exactly the frame of {@code expectedOutput}.
     */
    static void expectReply(Socket socket, byte[] expectedOutput, String what) throws IOException {
        byte[] expected = frame(expectedOutput);
        Duration patience = expected.length > 64 * 1024 ? Timeouts.REPLY.multipliedBy(2) : Timeouts.REPLY;
        Received received = Received.read(socket, expected.length, patience);
        Expect.bytes(expected, received, what + " (a frame: 4-byte length " + expectedOutput.length
                + ", then the output)");
    }
}
