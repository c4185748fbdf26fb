package io.jieneng.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which JIENENG_* variables the application documents (README.md's configuration table) and which it reads:
 * a literal key in the sources of devices, ingest and analytics (their lookups name keys in full), a key of
 * analytics' Quarkus configuration mapping {@code JienengConfig} (environment name of each property, as Quarkus
 * maps them), or a key the {@code jieneng} launcher or an image's ENTRYPOINT expands.
 */
final class Configuration {

    private static final Pattern KEY = Pattern.compile("JIENENG_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern CODE = Pattern.compile("`([A-Z0-9_]+)`");
    private static final String CONFIG_MAPPING = "io.jieneng.analytics.platform.JienengConfig";

    private Configuration() {
    }

    /** The keys of README.md's configuration table; a cell may shorten a key as {@code `_PG_PASSWORD`}. */
    static Set<String> documented() {
        Set<String> out = new TreeSet<>();
        for (String line : Repo.read(Repo.ROOT.resolve("README.md")).split("\n")) {
            if (!line.startsWith("| `JIENENG_")) {
                continue;
            }
            String cell = line.split("\\|")[1];
            Matcher m = CODE.matcher(cell);
            String previous = null;
            while (m.find()) {
                String key = m.group(1);
                if (key.startsWith("_") && previous != null) {
                    // `JIENENG_QUESTDB_PG_USER` / `_PG_PASSWORD`: the suffix replaces the previous key's from its
                    // first word on.
                    String firstWord = "_" + key.substring(1).split("_")[0] + "_";
                    int at = previous.lastIndexOf(firstWord);
                    key = at < 0 ? previous.substring(0, previous.lastIndexOf('_')) + key : previous.substring(0, at) + key;
                }
                out.add(key);
                previous = key;
            }
        }
        return out;
    }

    /** Every key the application reads. */
    static Set<String> read() {
        Set<String> out = new TreeSet<>();
        for (String module : List.of("devices", "store", "ingest", "analytics")) {
            Path main = Repo.ROOT.resolve(module).resolve("src/main");
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    literalKeys(Files.readString(f), out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        literalKeys(Repo.read(Repo.ROOT.resolve("jieneng")), out);
        try {
            mapping(Class.forName(CONFIG_MAPPING), "JIENENG", out);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("analytics' configuration mapping is not on the test class path", e);
        }
        return out;
    }

    /** The keys a shell command (an image's ENTRYPOINT) expands. */
    static Set<String> expandedBy(String shell) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{?(JIENENG_[A-Z0-9_]+)").matcher(shell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static void literalKeys(String text, Set<String> out) {
        Matcher m = KEY.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
    }

    /**
     * The environment names of a SmallRye configuration mapping: each method is a property, named in kebab case
     * unless {@code @WithName} says otherwise, and a nested interface a group of them.
     */
    private static void mapping(Class<?> type, String prefix, Set<String> out) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.isDefault() || m.isSynthetic() || m.getParameterCount() > 0) {
                continue;
            }
            String name = kebab(m.getName());
            for (Annotation a : m.getAnnotations()) {
                if (a.annotationType().getSimpleName().equals("WithName")) {
                    try {
                        name = (String) a.annotationType().getMethod("value").invoke(a);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            String env = prefix + "_" + name.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            Class<?> result = m.getReturnType();
            if (result.isInterface() && result.getName().startsWith(CONFIG_MAPPING)) {
                mapping(result, env, out);
            } else {
                out.add(env);
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
