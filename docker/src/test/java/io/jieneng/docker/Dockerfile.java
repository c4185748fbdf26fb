package io.jieneng.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Dockerfile as its instructions (continuation lines joined, comments dropped), grouped into stages. */
record Dockerfile(Path path, List<List<Instruction>> stages) {

    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile parse(Path path) {
        List<List<Instruction>> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : Repo.read(path).split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") && pending.isEmpty()) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String text = pending.toString().strip();
            pending.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            int space = text.indexOf(' ');
            Instruction i = new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip());
            if (i.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (stages.isEmpty()) {
                throw new IllegalStateException(path + ": " + i.keyword() + " before the first FROM");
            }
            stages.get(stages.size() - 1).add(i);
        }
        return new Dockerfile(path, stages);
    }

    List<Instruction> finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** The arguments of the final stage's last {@code keyword} instruction, or null. */
    String last(String keyword) {
        String out = null;
        for (Instruction i : finalStage()) {
            if (i.keyword().equals(keyword)) {
                out = i.arguments();
            }
        }
        return out;
    }

    /** An exec-form instruction's JSON array. */
    static List<String> execForm(String arguments) {
        try {
            JsonNode array = new ObjectMapper().readTree(arguments);
            if (!array.isArray()) {
                throw new IllegalStateException("not the exec form: " + arguments);
            }
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON array: " + arguments, e);
        }
    }

    /** {@code COPY --from=<stage> source target} of the final stage: image path → path in the build stage. */
    Map<String, String> copiesFromBuild() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Instruction i : finalStage()) {
            if (i.keyword().equals("COPY") && i.arguments().startsWith("--from=")) {
                String[] parts = i.arguments().split("\\s+");
                out.put(parts[2], parts[1]);
            }
        }
        return out;
    }

    /** {@code ENV key=value} pairs of the final stage. */
    Map<String, String> environment() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Instruction i : finalStage()) {
            if (i.keyword().equals("ENV")) {
                for (String pair : i.arguments().split("\\s+")) {
                    String[] kv = pair.split("=", 2);
                    out.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
        }
        return out;
    }
}
