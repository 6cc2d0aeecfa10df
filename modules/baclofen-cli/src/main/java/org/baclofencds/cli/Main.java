package org.baclofencds.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code baclofen-cds.jar}. */
@Command(
        name = "baclofen-cds",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "FHIR R4 decision support for baclofen: knowledge, checks and a FHIR server.",
        subcommands = {ServeCommand.class, LoadCommand.class, CheckCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** The configured command line; tests run it in-process. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // Readable conversion errors; registered before the options are parsed, for every subcommand.
        cli.registerConverter(Duration.class, Main::duration);
        cli.registerConverter(Integer.class, Main::wholeNumber);
        cli.registerConverter(int.class, Main::wholeNumber);
        return cli.setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // An operator error (port taken, bad --load file) deserves one clear line, not a stack trace.
                    cmd.getErr().println("baclofen-cds: " + oneLine(e));
                    cmd.getErr().flush();
                    return 2;
                });
    }

    /** A mistyped command line: the mistake, a suggestion when there is one, and where the help is; not 40 lines. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        java.io.PrintWriter err = cmd.getErr();
        err.println("baclofen-cds: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("Did you mean "
                        + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?");
            }
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return 2;
    }

    /** The message, and the cause's when the message alone does not say why. */
    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message.replace('\n', ' ');
    }

    static Integer wholeNumber(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            String hint = value.strip().matches("\\d+\\s*[smhd]|PT.*")
                    ? " (this option takes a number of seconds, e.g. 30)"
                    : "";
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number" + hint);
        }
    }

    /** ISO-8601 (PT24H) or a number with a unit: 30s, 5m, 24h, 2d. */
    static Duration duration(String value) {
        String v = value.strip();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+)\\s*([smhd])").matcher(v.toLowerCase(java.util.Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration: give e.g. PT24H, 24h, 30m or 45s");
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"baclofen-cds " + (version == null ? "(development build)" : version)};
        }
    }
}
