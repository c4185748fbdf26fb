package io.jieneng.docker;

import io.jieneng.analytics.platform.ConfigMappings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which JIENENG_* variables the application documents (docs/CONFIG.md's tables) and which it reads: a key of the
 * platform's configuration mappings ({@code ConfigMappings}, which include the ingest's), a literal key in the
 * sources of devices, ingest and analytics, or a key the {@code jieneng} launcher or an image's ENTRYPOINT expands.
 */
final class Configuration {

    private static final Pattern KEY = Pattern.compile("JIENENG_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern CODE = Pattern.compile("`([A-Z0-9_]+)`");

    private Configuration() {
    }

    /** The keys of docs/CONFIG.md's tables; a cell may shorten a key as {@code `_PG_PASSWORD`}. */
    static Set<String> documented() {
        Set<String> out = new TreeSet<>();
        for (String line : Repo.read(Repo.ROOT.resolve("docs/CONFIG.md")).split("\n")) {
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
        for (String module : List.of("devices/registry", "devices/simulators", "store", "ingest", "analytics")) {
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
        ConfigMappings.keys().forEach(key -> out.add(key.env()));
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
}
