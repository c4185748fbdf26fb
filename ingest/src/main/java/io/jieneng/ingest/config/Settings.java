package io.jieneng.ingest.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads configuration mappings outside Quarkus (the standalone ingest, tests) from environment variables, with the
 * names and the conversion Quarkus uses, and words a refused value as one line naming the key, the value and what
 * is allowed.
 */
public final class Settings {

    /**
     * SmallRye's wording of a converter's refusal (SRCFG00039) names the property and quotes the value; the
     * converter's own message, which says what is allowed ({@link io.jieneng.store.ConfigValues.NotAllowed}: "expected ..."), follows.
     */
    private static final Pattern REFUSED = Pattern.compile(
            "config property (\\S+) with the config value \"(.*)\" threw an Exception.*?(expected .*?)\"?$",
            Pattern.DOTALL);

    private Settings() {
    }

    /**
     * Reads {@code mapping} from {@code env}, a map of environment variables.
     *
     * @throws InvalidSetting for the first value a key does not allow
     */
    public static <T> T load(Class<T> mapping, Map<String, String> env) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new EnvConfigSource(env, EnvConfigSource.ORDINAL))
                    .withMapping(mapping)
                    // The environment holds the keys of every component; this one reads only its own.
                    .withValidateUnknown(false)
                    .build();
            return config.getConfigMapping(mapping);
        } catch (ConfigValidationException e) {
            throw explain(e);
        }
    }

    /** The standalone ingest's keys from {@code env}. */
    public static IngestSettings ingest(Map<String, String> env) {
        return load(IngestSettings.class, env);
    }

    /** The environment variable that sets {@code property}, as SmallRye maps them: {@code JIENENG_MQTT_PORT}. */
    public static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The problems of a refused configuration, each as one line; the exception carries the first. */
    public static InvalidSetting explain(ConfigValidationException e) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < e.getProblemCount(); i++) {
            lines.add(line(e.getProblem(i).getMessage()));
        }
        return new InvalidSetting(lines);
    }

    /**
     * {@code JIENENG_MQTT_PORT='70000' is not valid: expected an integer from 0 to 65535 [jieneng.mqtt.port]}: the
     * environment variable first, as deployments set those, and the property for a properties file;
     * a problem SmallRye words differently keeps its own text.
     */
    static String line(String problem) {
        Matcher m = REFUSED.matcher(problem);
        if (!m.find()) {
            return problem.replaceAll("\\s*\\R\\s*", " ");
        }
        String property = m.group(1);
        return envName(property) + "='" + m.group(2) + "' is not valid: " + m.group(3) + " [" + property + "]";
    }

    /** A configuration value a key does not allow; {@link #getMessage()} is one line per refused key. */
    public static final class InvalidSetting extends IllegalArgumentException {
        private final List<String> lines;

        public InvalidSetting(List<String> lines) {
            super(String.join("\n", lines));
            this.lines = List.copyOf(lines);
        }

        /** One line per refused key. */
        public List<String> lines() {
            return lines;
        }
    }
}
