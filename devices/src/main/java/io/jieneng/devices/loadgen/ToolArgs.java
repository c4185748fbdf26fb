package io.jieneng.devices.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of the small bench tools, checked against the names each tool knows. */
final class ToolArgs {

    private final Map<String, String> values = new HashMap<>();

    private ToolArgs() {
    }

    /** @throws IllegalArgumentException for an unknown option or a missing value */
    static ToolArgs parse(String[] args, Set<String> known) {
        ToolArgs t = new ToolArgs();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + " (known here: " + known + ")");
            }
            t.values.put(name, value);
        }
        return t;
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Path path(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return Path.of(v);
    }

    Path optionalPath(String name) {
        String v = values.get(name);
        return v == null ? null : Path.of(v);
    }

    URI uri(String name) {
        String v = values.get(name);
        if (v == null || !(v.startsWith("http://") || v.startsWith("https://"))) {
            throw new IllegalArgumentException(name + " needs an http:// or https:// URL, not '" + v + "'");
        }
        return URI.create(v);
    }

    int integer(String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : LoadGenArgs.integer(name, v);
    }

    long longInteger(String name, long fallback) {
        String v = values.get(name);
        return v == null ? fallback : LoadGenArgs.longInteger(name, v);
    }

    double number(String name, double fallback) {
        String v = values.get(name);
        return v == null ? fallback : LoadGenArgs.number(name, v);
    }
}
