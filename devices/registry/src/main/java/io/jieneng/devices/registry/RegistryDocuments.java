package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jieneng.devices.registry.internal.DocumentParser;
import io.jieneng.devices.registry.internal.DocumentValidator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reading, checking and writing the registry document of docs/CONTRACT.md §2.
 *
 * <ul>
 *   <li>{@link #parse(InputStream)} checks the syntax: malformed JSON, wrong JSON types, unknown fields, unknown
 *   enum values, bad dates and missing required fields. It reports every problem at once, each with its JSON
 *   path, in a {@link RegistryValidationException}. A missing section is an empty one; a meter's
 *   {@code intervalSeconds} defaults to 900.</li>
 *   <li>{@link #validate(RegistryDocument, Registry)} checks the meaning (references, duplicates, the fields each
 *   kind of entity may carry, id formats, secrets) against the document plus what is already stored.</li>
 *   <li>{@link #write(RegistryDocument, OutputStream)} exports a document, never with secrets or passwords.</li>
 * </ul>
 */
public final class RegistryDocuments {

    /** The classpath resource of the demo registry (province of Jiangsu). */
    public static final String DEMO_RESOURCE = "/io/jieneng/devices/demo-registry.json";

    private static final ObjectMapper WRITER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .build();

    private RegistryDocuments() {
    }

    /**
     * Parses a registry document. The stream is read but not closed.
     *
     * @throws RegistryValidationException listing every syntactic problem, when there is any
     * @throws UncheckedIOException        when the stream cannot be read
     */
    public static RegistryDocument parse(InputStream json) {
        try {
            return DocumentParser.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry document", e);
        }
    }

    /** Parses a registry document from its UTF-8 (or UTF-16/32, detected) bytes. */
    public static RegistryDocument parse(byte[] json) {
        return parse(new ByteArrayInputStream(json));
    }

    /** Parses a registry document file. */
    public static RegistryDocument parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry document " + file, e);
        }
    }

    /**
     * The bundled demo registry: the province of Jiangsu with five institutions, their meters, a gateway, a data
     * centre, vehicles, quotas and users. Its secrets and passwords are clear strings, because the simulators log
     * in with them; never deploy them.
     */
    public static RegistryDocument demo() {
        try (InputStream in = RegistryDocuments.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEMO_RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEMO_RESOURCE, e);
        }
    }

    /**
     * Writes {@code document} as indented UTF-8 JSON, without secrets or passwords, with ISO dates and without
     * null fields. The stream is not closed.
     */
    public static void write(RegistryDocument document, OutputStream out) {
        try {
            WRITER.writeValue(out, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the registry document", e);
        }
    }

    /** {@link #write(RegistryDocument, OutputStream)} into a byte array. */
    public static byte[] toJson(RegistryDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(document, out);
        return out.toByteArray();
    }

    /**
     * Every semantic problem of {@code document} when it is imported over {@code existing} (use
     * {@link Registry#empty()} for a fresh registry), in document order, each with its JSON path. Import is an
     * upsert: references resolve against the document plus what is stored, and an entity already stored may omit
     * its secret or password. An empty list means the document can be imported.
     */
    public static List<Problem> validate(RegistryDocument document, Registry existing) {
        return DocumentValidator.validate(document, existing);
    }
}
