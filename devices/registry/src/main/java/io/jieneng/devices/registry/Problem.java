package io.jieneng.devices.registry;

/**
 * One problem found in a registry document.
 *
 * @param path    JSON path of the offending value, e.g. {@code $.meters[3].institution}
 * @param message what is wrong, in words an operator can act on
 */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
