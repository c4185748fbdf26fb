package io.jieneng.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The keys configuration mappings declare, found the way SmallRye names them: a method is a property named in kebab
 * case unless {@code @WithName} says otherwise, a nested interface is a group of them, and an inherited method is a
 * key of the extending mapping too. Tests hold docs/CONFIG.md and the deployment files against this list.
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /**
     * One key.
     *
     * @param property     the property name, {@code jieneng.mqtt.port}
     * @param env          the environment variable, {@code JIENENG_MQTT_PORT}
     * @param type         the Java type of the value (the element type of an {@code Optional})
     * @param defaultValue the default, or empty for a key that is unset unless configured
     * @param declaredBy   the interface that declares it
     */
    public record Key(String property, String env, Class<?> type, Optional<String> defaultValue,
                      Class<?> declaredBy) {
    }

    /** Every key of the mappings, sorted by property name. */
    public static List<Key> of(List<Class<?>> mappings) {
        List<Key> out = new ArrayList<>();
        for (Class<?> mapping : mappings) {
            ConfigMapping m = mapping.getAnnotation(ConfigMapping.class);
            if (m == null) {
                throw new IllegalArgumentException(mapping.getName() + " is not a @ConfigMapping");
            }
            group(mapping, m.prefix(), out);
        }
        out.sort(Comparator.comparing(Key::property));
        return out;
    }

    private static void group(Class<?> type, String prefix, List<Key> out) {
        // getMethods(): an interface's own abstract methods and those it inherits.
        for (Method method : type.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> result = method.getReturnType();
            if (result.isInterface() && !result.getName().startsWith("java.")) {
                group(result, name, out);
                continue;
            }
            Class<?> valueType = result;
            if (result == Optional.class) {
                Type arg = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
                valueType = arg instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) arg;
            }
            WithDefault fallback = method.getAnnotation(WithDefault.class);
            out.add(new Key(name, Settings.envName(name), valueType,
                    Optional.ofNullable(fallback).map(WithDefault::value), method.getDeclaringClass()));
        }
    }

    /** SmallRye's default naming of a mapping method: {@code maxConnectionsPerIp} is {@code max-connections-per-ip}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
