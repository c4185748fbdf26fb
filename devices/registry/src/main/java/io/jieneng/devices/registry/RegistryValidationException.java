package io.jieneng.devices.registry;

import java.util.List;
import java.util.stream.Collectors;

/** A registry document was refused; {@link #problems()} lists every problem found, each with its JSON path. */
public class RegistryValidationException extends RuntimeException {

    private final List<Problem> problems;

    public RegistryValidationException(List<Problem> problems) {
        super(problems.size() + " problem(s) in the registry document: "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
