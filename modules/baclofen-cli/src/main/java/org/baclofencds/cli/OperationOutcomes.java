package org.baclofencds.cli;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;

/** A server's answer to a failed request, in lines a person can read. */
final class OperationOutcomes {
    private OperationOutcomes() {}

    /** "HTTP 404: error not-found: Resource Patient/x is not known", one line per issue. */
    static List<String> describe(BaseServerResponseException e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof FhirClientConnectionException) {
            lines.add("cannot reach the server: " + rootMessage(e));
            return lines;
        }
        String status = "HTTP " + e.getStatusCode();
        List<String> issues = issues(e.getOperationOutcome());
        if (issues.isEmpty() && (e.getStatusCode() == 405 || e.getStatusCode() == 404)) {
            // A web server that is not a FHIR endpoint, typically a base URL without its /fhir.
            lines.add(status + " " + (e.getStatusCode() == 405 ? "Method Not Allowed" : "Not Found")
                    + " with no FHIR OperationOutcome: is --server the FHIR base URL? It usually ends in /fhir");
        } else if (issues.isEmpty()) {
            lines.add(status + ": " + e.getMessage());
        } else {
            for (String issue : issues) {
                lines.add(status + ": " + issue);
            }
        }
        return lines;
    }

    /** Each issue as "severity code: diagnostics". */
    static List<String> issues(IBaseOperationOutcome outcome) {
        List<String> out = new ArrayList<>();
        if (outcome instanceof OperationOutcome oo) {
            for (OperationOutcome.OperationOutcomeIssueComponent issue : oo.getIssue()) {
                String severity = issue.hasSeverity() ? issue.getSeverity().toCode() : "error";
                String code = issue.hasCode() ? issue.getCode().toCode() : "processing";
                String text = issue.hasDiagnostics()
                        ? issue.getDiagnostics()
                        : issue.getDetails().hasText() ? issue.getDetails().getText() : "(no details)";
                out.add(severity + " " + code + ": " + text);
            }
        }
        return out;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
