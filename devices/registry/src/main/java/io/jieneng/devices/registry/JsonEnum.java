package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose JSON (and configuration) name is its constant's name in lower case: {@code ELECTRICITY} is
 * {@code electricity}.
 */
public interface JsonEnum {

    /** The constant's name in the registry document, the API and configuration. */
    @JsonValue
    default String json() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose {@link #json()} name is {@code name}. */
    static <E extends Enum<E> & JsonEnum> Optional<E> parse(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.json().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
