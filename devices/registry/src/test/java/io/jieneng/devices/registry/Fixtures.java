package io.jieneng.devices.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A small valid registry document to mutate in tests, and helpers to collect problems. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A fresh, mutable copy of the small registry (3 regions, 2 institutions, 9 meters, ...). */
    static ObjectNode small() {
        try (InputStream in = Fixtures.class.getResourceAsStream("small-registry.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The small registry after {@code change}. */
    static ObjectNode small(Consumer<ObjectNode> change) {
        ObjectNode root = small();
        change.accept(root);
        return root;
    }

    /** The object at a JSON pointer such as {@code /meters/3}. */
    static ObjectNode at(JsonNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    static RegistryDocument parse(JsonNode root) {
        return RegistryDocuments.parse(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    static RegistryDocument parse(String json) {
        return RegistryDocuments.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The problems the parser reports for {@code json}; it must refuse it. */
    static List<Problem> parseProblems(String json) {
        RegistryValidationException[] caught = new RegistryValidationException[1];
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(RegistryValidationException.class, e -> caught[0] = e);
        return caught[0].problems();
    }

    static List<Problem> parseProblems(JsonNode root) {
        return parseProblems(root.toString());
    }

    /** The semantic problems of a document that parses, imported into an empty registry. */
    static List<Problem> problems(JsonNode root) {
        return RegistryDocuments.validate(parse(root), Registry.empty());
    }

    /** The semantic problems of a document that parses, imported over {@code existing}. */
    static List<Problem> problems(JsonNode root, RegistryDocument existing) {
        return RegistryDocuments.validate(parse(root), Registry.of(existing));
    }
}
