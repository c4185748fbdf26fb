package io.jieneng.devices.registry.internal;

import java.util.regex.Pattern;

/** Builds the JSON paths ({@code $.meters[3].type}) that locate problems in a registry document. */
final class JsonPaths {

    /** The path of the whole document. */
    static final String ROOT = "$";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {
    }

    /** The path of field {@code name} of the object at {@code parent}; odd names use bracket notation. */
    static String field(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** The path of element {@code index} of the array at {@code parent}. */
    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The path of entity {@code index} of a top-level section, e.g. {@code $.meters[3]}. */
    static String entity(String section, int index) {
        return element(field(ROOT, section), index);
    }
}
