package org.baclofencds.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.baclofencds.rules.CommunicationRequests;
import org.baclofencds.server.check.BaclofenCheckOperationProvider;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code check}: {@code Patient/{id}/$baclofen-check} on a server, printed for a person or as the Bundle. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Run $baclofen-check for one patient on a baclofen-cds server and print the alerts.")
final class CheckCommand implements Callable<Integer> {

    enum Format {
        TABLE,
        JSON
    }

    @Mixin
    ClientOptions connection;

    @Option(names = "--patient", required = true, paramLabel = "ID", description = "The Patient's logical id.")
    String patient;

    @Option(names = "--persist", description = "Store the alerts in the server's data source (deduplicated).")
    boolean persist;

    @Option(
            names = "--as-of",
            paramLabel = "DATETIME",
            description = "Evaluation time with seconds and a timezone, e.g. 2026-06-15T09:00:00Z (default: now).")
    String asOf;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "table|json",
            description = "table (severity, code, summary) or json (the Bundle). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--detail", description = "With --format table: the detail of each alert under its line.")
    boolean detail;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FhirContext ctx = FhirContext.forR4();
        Parameters in = new Parameters();
        if (asOf != null) {
            in.addParameter().setName("evaluationTime").setValue(new DateTimeType(asOf));
        }
        if (persist) {
            in.addParameter().setName("persist").setValue(new BooleanType(true));
        }
        Bundle alerts;
        try {
            IGenericClient client = connection.client(ctx);
            alerts = client.operation()
                    .onInstance("Patient/" + patient)
                    .named(BaclofenCheckOperationProvider.OPERATION)
                    .withParameters(in)
                    .returnResourceType(Bundle.class)
                    .execute();
        } catch (BaseServerResponseException e) {
            for (String line : OperationOutcomes.describe(e)) {
                err.println("baclofen-cds check: " + line);
            }
            err.flush();
            return 1;
        } catch (ca.uhn.fhir.parser.DataFormatException | IllegalArgumentException e) {
            err.println("baclofen-cds check: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (format == Format.JSON) {
            out.println(ctx.newJsonParser().setPrettyPrint(true).encodeResourceToString(alerts));
        } else {
            printTable(out, alerts);
        }
        out.flush();
        return 0;
    }

    private void printTable(PrintWriter out, Bundle bundle) {
        List<CommunicationRequest> alerts = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() instanceof CommunicationRequest cr) {
                alerts.add(cr);
            }
        }
        if (alerts.isEmpty()) {
            out.println("No alerts for Patient/" + patient + ".");
            return;
        }
        int codeWidth = "CODE".length();
        for (CommunicationRequest cr : alerts) {
            codeWidth = Math.max(codeWidth, code(cr).length());
        }
        String row = "%-8s  %-" + codeWidth + "s  %s%n";
        out.printf(row, "SEVERITY", "CODE", "SUMMARY");
        for (CommunicationRequest cr : alerts) {
            out.printf(row, CommunicationRequests.severity(cr).code(), code(cr), CommunicationRequests.summary(cr));
            if (detail) {
                for (String line : CommunicationRequests.detail(cr).split("\n")) {
                    out.println("          " + line);
                }
                out.println();
            }
        }
        out.println(alerts.size() + " alert(s) for Patient/" + patient + (persist ? ", stored." : "."));
    }

    private static String code(CommunicationRequest cr) {
        String code = CommunicationRequests.code(cr);
        return code == null ? "?" : code;
    }
}
