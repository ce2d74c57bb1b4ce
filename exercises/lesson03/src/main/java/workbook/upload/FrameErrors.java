package workbook.upload;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Puts a JSON parser's complaint into the protocol's own words. A client (perhaps written in
 * Python, by someone who never saw this code) should read {@code the header has no "file_name"}
 * or {@code "file_size" must be a whole number, not "5"}, not the name of a Java class or of a
 * Jackson creator property. The parser's message is kept as the exception's cause, for the log.
 */
final class FrameErrors {

    private static final int SHOWN = 40;

    private FrameErrors() {
    }

    /** What a frame of {@code type} is called in messages: "header", "trailer", "verdict". */
    static String name(Class<?> type) {
        if (type == UploadHeader.class) {
            return "header";
        }
        if (type == UploadTrailer.class) {
            return "trailer";
        }
        return type == Verdict.class ? "verdict" : type.getSimpleName();
    }

    /** Why {@code tree} (a JSON object) is not a valid {@code what}. */
    static String explain(JacksonException e, String what, JsonNode tree) {
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage(); // the record's own check: already in the protocol's words
        }
        String field = field(e);
        if (field == null) {
            return "the " + what + "'s fields do not fit the protocol";
        }
        JsonNode value = tree.get(field);
        if (value == null || value.isMissingNode()) {
            return "the " + what + " has no \"" + field + "\"";
        }
        if (value.isNull() || e instanceof InvalidNullException) {
            return "\"" + field + "\" must not be null";
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null && value.isNumber()) {
            return "\"" + field + "\" is too large: " + shown(value);
        }
        return "\"" + field + "\" must be " + kind(target) + ", not " + shown(value);
    }

    /** The JSON name of the field the error is about, or null if it is about the whole object. */
    private static String field(JacksonException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
        }
        return null;
    }

    private static String kind(Class<?> target) {
        if (target == long.class || target == Long.class || target == int.class || target == Integer.class) {
            return "a whole number";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        return target == String.class ? "a string" : "of another type";
    }

    /** A JSON value as it appeared, shortened so a log line stays short. */
    static String shown(JsonNode value) {
        String text = String.valueOf(value);
        if (text.isEmpty()) {
            return "nothing";
        }
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }
}
