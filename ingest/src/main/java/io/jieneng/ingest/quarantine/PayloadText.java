package io.jieneng.ingest.quarantine;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How a payload is kept in a text column without losing a byte. */
final class PayloadText {

    public static final String BASE64_PREFIX = "base64:";

    private PayloadText() {
    }

    /**
     * The payload as text when it is valid UTF-8 without NUL characters (PostgreSQL text cannot hold them), and
     * otherwise {@code base64:} followed by its Base64. Text that itself starts with {@code base64:} is encoded
     * too, so that {@link #bytes} is exact for every payload.
     */
    public static String of(byte[] payload) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
            if (text.indexOf('\0') < 0 && !text.startsWith(BASE64_PREFIX)) {
                return text;
            }
        } catch (CharacterCodingException notUtf8) {
            // falls through to Base64
        }
        return BASE64_PREFIX + Base64.getEncoder().encodeToString(payload);
    }

    /** The payload bytes back from {@link #of}. */
    public static byte[] bytes(String text) {
        return text.startsWith(BASE64_PREFIX)
                ? Base64.getDecoder().decode(text.substring(BASE64_PREFIX.length()))
                : text.getBytes(StandardCharsets.UTF_8);
    }
}
