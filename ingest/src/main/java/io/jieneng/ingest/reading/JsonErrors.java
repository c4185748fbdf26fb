package io.jieneng.ingest.reading;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;

import java.util.regex.Pattern;

/** Turns a Jackson syntax error into quarantine detail: the JSON path, the problem, the byte offset. */
final class JsonErrors {

    // Jackson appends "[Source: REDACTED ...; line: 1, column: 1]" to some messages; it says nothing useful here.
    private static final Pattern SOURCE =
            Pattern.compile("\\s*\\(?start marker at \\[Source:[^]]*]\\)?|\\[Source:[^]]*]");

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String message = SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("").trim();
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (byte " + at.getByteOffset() + ")";
        String path = e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : "$";
        return path + ": " + message + where;
    }

    private static String path(JsonStreamContext context) {
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                out.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                String name = c.getCurrentName();
                out.insert(0, "." + (name.length() <= 64 ? name : name.substring(0, 64) + "…"));
            }
        }
        return "$" + out;
    }
}
