package io.jieneng.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository, from the docker module's directory (where Maven runs the tests). */
final class Repo {

    static final Path DOCKER = Path.of("").toAbsolutePath();
    static final Path ROOT = DOCKER.getParent();
    static final Path COMPOSE = DOCKER.resolve("compose.yaml");
    static final Path COMPOSE_SCALE = DOCKER.resolve("compose.scale.yaml");
    static final Path ENV_EXAMPLE = DOCKER.resolve(".env.example");

    private Repo() {
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
