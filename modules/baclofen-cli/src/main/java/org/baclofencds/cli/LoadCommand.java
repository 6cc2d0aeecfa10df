package org.baclofencds.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.baclofencds.cli.FhirFiles.BadFileException;
import org.baclofencds.cli.FhirFiles.Unit;
import org.hl7.fhir.r4.model.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code load}: FHIR files into any FHIR R4 server. Transaction and batch Bundles go as they are, other Bundles
 * as one transaction, loose resources by PUT when they have an id (so re-running is safe) and by POST when not.
 * A bad file is reported and skipped; the others still load.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Load FHIR JSON, XML and NDJSON files and folders (recursively) into a FHIR R4 server.")
final class LoadCommand implements Callable<Integer> {

    @Mixin
    ClientOptions connection;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders (*.json, *.xml, *.ndjson).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--dry-run", description = "Parse and check every file strictly; send nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    /** What happened to the files; one failure per file (or Bundle entry) with the server's explanation. */
    static final class Summary {
        int files;
        int skipped;
        int resources;
        int created;
        int updated;
        int failed;
        int unreadable;
        int stoppedAfter = -1;
        final List<String> failures = new ArrayList<>();
        final java.util.Set<Path> failedFiles = new java.util.HashSet<>();

        void fail(String where, List<String> why) {
            failures.add(where + ": " + String.join("; ", why));
        }

        void fail(Path file, String where, List<String> why) {
            failedFiles.add(file);
            fail(where, why);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FhirContext ctx = FhirContext.forR4();
        IGenericClient client = dryRun ? null : connection.client(ctx);
        Summary summary = new Summary();

        List<Path> files;
        try {
            files = FhirFiles.expand(paths);
        } catch (BadFileException e) {
            err.println("baclofen-cds load: " + e.getMessage());
            return 1;
        }
        Progress progress = new Progress(err, System.console() != null, files.size());
        for (Path file : files) {
            progress.next(file);
            List<Unit> units;
            try {
                units = FhirFiles.read(ctx, file);
            } catch (BadFileException e) {
                summary.unreadable++;
                summary.fail(file, file.toString(), List.of(e.getMessage()));
                continue;
            }
            if (units.isEmpty()) {
                summary.skipped++;
                continue;
            }
            summary.files++;
            try {
                for (Unit unit : units) {
                    summary.resources += unit.resourceCount();
                    if (!dryRun && !send(client, unit, summary)) {
                        summary.failedFiles.add(file);
                    }
                }
            } catch (FhirClientConnectionException e) {
                // No point in trying the next file: say so once and stop.
                summary.failed += units.stream().mapToInt(Unit::resourceCount).sum();
                summary.fail(file, file.toString(), OperationOutcomes.describe(e));
                summary.fail(connection.serverUrl(), List.of("stopped: the server cannot be reached"));
                summary.stoppedAfter = files.indexOf(file) + 1;
                break;
            }
        }
        progress.done();

        if (dryRun) {
            out.printf(
                    "Dry run: %d files parsed, %d resources would be sent to %s; %d failed%s.%n",
                    summary.files,
                    summary.resources,
                    connection.serverUrl(),
                    summary.failures.size(),
                    skippedNote(summary));
        } else {
            // Files counted the same way on both sides: "Loaded 3 files" when all went in, else "Loaded 1 of 3".
            int attempted = summary.files + summary.unreadable;
            int loaded = attempted - summary.failedFiles.size();
            out.printf(
                    "Loaded %s files into %s: %d resources created, %d updated or unchanged, %d failed%s%s%s.%n",
                    loaded == attempted ? String.valueOf(attempted) : loaded + " of " + attempted,
                    connection.serverUrl(),
                    summary.created,
                    summary.updated,
                    summary.failed,
                    summary.unreadable == 0 ? "" : "; " + summary.unreadable + " file(s) could not be read or parsed",
                    summary.stoppedAfter < 0 || summary.stoppedAfter >= files.size()
                            ? ""
                            : "; stopped after " + summary.stoppedAfter + " of " + files.size() + " files",
                    skippedNote(summary));
        }
        for (String failure : summary.failures) {
            out.println("FAILED " + failure);
        }
        out.flush();
        return summary.failures.isEmpty() ? 0 : 1;
    }

    private static String skippedNote(Summary s) {
        return s.skipped == 0 ? "" : "; " + s.skipped + " JSON file(s) without a resourceType skipped";
    }

    /** Sends one unit; false when any of it failed (the failures are in the summary). */
    private static boolean send(IGenericClient client, Unit unit, Summary summary) {
        int failedBefore = summary.failed;
        try {
            if (unit.resource() != null) {
                boolean hasId = unit.resource().getIdElement().hasIdPart();
                MethodOutcome outcome = hasId
                        ? client.update().resource(unit.resource()).execute()
                        : client.create().resource(unit.resource()).execute();
                if (!hasId || Boolean.TRUE.equals(outcome.getCreated())) {
                    summary.created++;
                } else {
                    summary.updated++;
                }
                return true;
            }
            Bundle response = client.transaction().withBundle(unit.bundle()).execute();
            List<Bundle.BundleEntryComponent> entries = response.getEntry();
            for (int i = 0; i < entries.size(); i++) {
                Bundle.BundleEntryResponseComponent r = entries.get(i).getResponse();
                String status = r.getStatus() == null ? "" : r.getStatus().strip();
                if (status.startsWith("201")) {
                    summary.created++;
                } else if (status.startsWith("2")) {
                    summary.updated++;
                } else {
                    summary.failed++;
                    List<String> why = OperationOutcomes.issues(
                            r.getOutcome() instanceof org.hl7.fhir.r4.model.OperationOutcome oo ? oo : null);
                    summary.fail(
                            unit.where() + " Bundle.entry[" + i + "]",
                            why.isEmpty() ? List.of("HTTP " + status) : prefixed("HTTP " + status + ": ", why));
                }
            }
        } catch (FhirClientConnectionException e) {
            throw e;
        } catch (BaseServerResponseException e) {
            summary.failed += unit.resourceCount();
            summary.fail(unit.where(), OperationOutcomes.describe(e));
            return false;
        }
        return summary.failed == failedBefore;
    }

    private static List<String> prefixed(String prefix, List<String> lines) {
        return lines.stream().map(l -> prefix + l).toList();
    }

    /** A one-line bar redrawn with {@code \r} on a terminal; one plain line per file otherwise (logs, CI). */
    static final class Progress {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final boolean terminal;
        private final int total;
        private int done;

        Progress(PrintWriter err, boolean terminal, int total) {
            this.err = err;
            this.terminal = terminal;
            this.total = total;
        }

        void next(Path file) {
            done++;
            if (terminal) {
                int filled = total == 0 ? WIDTH : done * WIDTH / total;
                String name = file.getFileName().toString();
                if (name.length() > 40) {
                    name = name.substring(0, 37) + "...";
                }
                err.printf("\r[%s%s] %d/%d %-40s", "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, name);
            } else {
                err.printf("[%d/%d] %s%n", done, total, file);
            }
            err.flush();
        }

        void done() {
            if (terminal && total > 0) {
                err.println();
                err.flush();
            }
        }
    }
}
