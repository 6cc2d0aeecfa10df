package org.baclofencds.cli;

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
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // An operator error (port taken, bad --load file) deserves one clear line, not a stack trace.
                    cmd.getErr().println("baclofen-cds: " + e.getMessage());
                    return 2;
                });
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
