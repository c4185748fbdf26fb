package io.jieneng.devices.cli;

import io.jieneng.devices.registry.RegistryValidationException;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The rules every Jieneng command-line tool (simulator, load generator, bench tools) shares, on top of picocli:
 * options are matched exactly, an option given twice keeps its last value (bench scripts append overrides), and
 * a mistake is reported in one line plus a pointer to {@code --help}, exit status 2, rather than picocli's default
 * of the whole usage text, which would bury the message in a benchmark's log. A value the tool refuses after
 * parsing (an {@link IllegalArgumentException}, e.g. from an options record) and a registry file that is
 * unreadable or invalid are reported the same way.
 */
public final class CommandLines {

    /** The exit status of every usage mistake (picocli's {@code ExitCode.USAGE}). */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private CommandLines() {
    }

    /** A picocli command line for {@code command} with the shared rules; {@link CommandLine#execute} runs it. */
    public static CommandLine of(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setParameterExceptionHandler(CommandLines::usageError);
        cl.setExecutionExceptionHandler(CommandLines::executionError);
        return cl;
    }

    /**
     * Sets {@code command}'s options from {@code args} without running it, for callers that want the options alone
     * (tests, and code that starts a simulator in-process).
     *
     * @throws IllegalArgumentException with picocli's message when {@code args} do not parse
     */
    public static <T> T parse(T command, String... args) {
        try {
            of(command).parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return command;
    }

    /** Runs {@code command} on {@code args} and returns its exit status. */
    public static int execute(Object command, String... args) {
        return of(command).execute(args);
    }

    /**
     * A converter for picocli from a parser that throws {@link IllegalArgumentException} naming the problem, so
     * that its message, not picocli's generic "cannot convert", reaches the user.
     */
    public static <T> ITypeConverter<T> converter(Function<String, T> parser) {
        return value -> {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        helpHint(cl);
        return USAGE;
    }

    private static int executionError(Exception e, CommandLine cl, ParseResult parsed) throws Exception {
        PrintWriter err = cl.getErr();
        if (e instanceof RegistryValidationException refused) {
            err.println(cl.getCommandName() + ": the registry document was refused:");
            refused.problems().forEach(p -> err.println("  " + p));
        } else if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
            err.println(cl.getCommandName() + ": " + e.getMessage());
            helpHint(cl);
        } else {
            throw e;
        }
        err.flush();
        return USAGE;
    }

    private static void helpHint(CommandLine cl) {
        cl.getErr().println("See '" + cl.getCommandName() + " --help'.");
        cl.getErr().flush();
    }
}
