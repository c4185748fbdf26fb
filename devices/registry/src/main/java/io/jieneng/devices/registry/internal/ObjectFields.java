package io.jieneng.devices.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.jieneng.devices.registry.Problem;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object of the registry document, collecting problems instead of failing at the
 * first one. Problems are emitted by {@link #finish()} in the order the fields appear in the object (so that the
 * whole document's problems come out in document order), followed by the required fields that are missing.
 */
final class ObjectFields {

    private final JsonNode object;
    private final String path;
    private final Set<String> known;
    private final Map<String, List<FieldProblem>> fieldProblems = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();

    /**
     * @param object the JSON object (the caller has checked that it is one)
     * @param path   its JSON path, e.g. {@code $.meters[3]}
     * @param known  every field name the object may carry
     */
    ObjectFields(JsonNode object, String path, String... known) {
        this.object = object;
        this.path = path;
        this.known = new LinkedHashSet<>(List.of(known));
    }

    String requiredString(String name) {
        return string(name, true);
    }

    String optionalString(String name) {
        return string(name, false);
    }

    Double optionalNumber(String name) {
        JsonNode v = value(name, false);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            problem(name, "expected a number, found " + describe(v));
            return null;
        }
        if (!Double.isFinite(v.doubleValue())) {
            problem(name, "number is out of range (beyond ±1.8E308)");
            return null;
        }
        return v.doubleValue();
    }

    /** An optional JSON boolean; {@code fallback} when the field is absent or null. */
    boolean optionalBoolean(String name, boolean fallback) {
        JsonNode v = value(name, false);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(name, "expected true or false, found " + describe(v));
            return fallback;
        }
        return v.booleanValue();
    }

    Integer requiredInt(String name) {
        return integer(name, true);
    }

    Integer optionalInt(String name) {
        return integer(name, false);
    }

    /** A lower-case enum value; {@code what} names it in messages, e.g. "meter type". */
    <E extends Enum<E>> E requiredEnum(String name, String what, Function<String, Optional<E>> fromJson,
                                       E[] values, Function<E, String> json) {
        return enumeration(name, true, what, fromJson, values, json);
    }

    <E extends Enum<E>> E optionalEnum(String name, String what, Function<String, Optional<E>> fromJson,
                                       E[] values, Function<E, String> json) {
        return enumeration(name, false, what, fromJson, values, json);
    }

    LocalDate requiredDate(String name) {
        return date(name, true);
    }

    LocalDate optionalDate(String name) {
        return date(name, false);
    }

    /** A required array of strings; an element of another type is a problem at its own index. */
    List<String> requiredStringList(String name) {
        JsonNode v = value(name, true);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            problem(name, "expected an array of strings, found " + describe(v));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isTextual()) {
                out.add(e.textValue());
            } else {
                problem(name, "[" + i + "]", "expected a string, found " + describe(e));
            }
        }
        return out;
    }

    /** Adds a problem about a field that was read well but holds an unacceptable value. */
    void problem(String name, String message) {
        problem(name, "", message);
    }

    /** Appends this object's problems, in field order, to {@code out}. */
    void finish(List<Problem> out) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                out.add(new Problem(fieldPath(name), "unknown field '" + abbreviate(name) + "'; expected one of "
                        + String.join(", ", known)));
            }
            for (FieldProblem p : fieldProblems.getOrDefault(name, List.of())) {
                out.add(new Problem(fieldPath(name) + p.suffix(), p.message()));
            }
        }
        for (String name : missing) {
            out.add(new Problem(fieldPath(name), "required field '" + name + "' is missing"));
        }
    }

    /** The value of a field; null when absent or JSON null (noting it when required). */
    private JsonNode value(String name, boolean required) {
        JsonNode v = object.get(name);
        if (v == null) {
            if (required) {
                missing.add(name);
            }
            return null;
        }
        if (v.isNull()) {
            if (required) {
                problem(name, "required field '" + name + "' must not be null");
            }
            return null;
        }
        return v;
    }

    private String string(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            problem(name, "expected a string, found " + describe(v));
            return null;
        }
        return v.textValue();
    }

    private Integer integer(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problem(name, "expected a whole number (32-bit), found " + describe(v));
            return null;
        }
        return v.intValue();
    }

    private <E extends Enum<E>> E enumeration(String name, boolean required, String what,
                                              Function<String, Optional<E>> fromJson, E[] values,
                                              Function<E, String> json) {
        String s = string(name, required);
        if (s == null) {
            return null;
        }
        Optional<E> e = fromJson.apply(s);
        if (e.isEmpty()) {
            List<String> allowed = new ArrayList<>();
            for (E value : values) {
                allowed.add(json.apply(value));
            }
            problem(name, "unknown " + what + " '" + abbreviate(s) + "'; expected one of "
                    + String.join(", ", allowed));
            return null;
        }
        return e.get();
    }

    private LocalDate date(String name, boolean required) {
        String s = string(name, required);
        if (s == null) {
            return null;
        }
        try {
            // ISO_LOCAL_DATE resolves strictly: 2025-02-30 is refused, not moved to March.
            return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            problem(name, "'" + abbreviate(s) + "' is not a valid ISO date (YYYY-MM-DD)");
            return null;
        }
    }

    private void problem(String name, String suffix, String message) {
        fieldProblems.computeIfAbsent(name, k -> new ArrayList<>()).add(new FieldProblem(suffix, message));
    }

    private String fieldPath(String name) {
        return JsonPaths.field(path, name);
    }

    /** A problem of one field; {@code suffix} extends the field's path, e.g. {@code [2]} for an element. */
    private record FieldProblem(String suffix, String message) {
    }

    /** Keeps messages readable when a document carries a huge value where a short one belongs. */
    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "string \"" + abbreviate(v.textValue()) + "\"";
            case NUMBER -> "number " + v.asText();
            case BOOLEAN -> "boolean " + v.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
