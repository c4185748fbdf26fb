package io.jieneng.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A compose file as YAML, with the few accessors the checks need. */
record ComposeFile(Path path, JsonNode root) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static ComposeFile load(Path path) {
        try {
            return new ComposeFile(path, YAML.readTree(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + path, e);
        }
    }

    static ComposeFile parse(String yaml) {
        try {
            // As if it were a file of docker/, so relative paths resolve as in the real ones.
            return new ComposeFile(Repo.DOCKER.resolve("inline.yaml"), YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, JsonNode> services() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.path("services").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    JsonNode service(String name) {
        JsonNode s = root.path("services").path(name);
        if (s.isMissingNode()) {
            throw new AssertionError(path + " has no service " + name);
        }
        return s;
    }

    /** A service's environment as a map, whether written as a map or as a list of KEY=VALUE. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode env = service.path("environment");
        if (env.isObject()) {
            env.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else if (env.isArray()) {
            env.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : null);
            });
        }
        return out;
    }

    /** The Dockerfile a service is built from (relative to the repository), or null for an image pulled as is. */
    Path dockerfile(JsonNode service) {
        JsonNode build = service.path("build");
        if (build.isMissingNode()) {
            return null;
        }
        Path context = path.getParent().resolve(build.isTextual() ? build.asText() : build.path("context").asText("."))
                .normalize();
        return context.resolve(build.path("dockerfile").asText("Dockerfile")).normalize();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
