package org.baclofencds.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Resource;

/** Alert → card (API.md §6): the one place a card is shaped. */
final class Cards {
    static final String SOURCE_LABEL = "baclofen-cds";
    static final int SUMMARY_MAX = 140;

    private final List<Wire.Coding> overrideReasons;

    Cards(Knowledge knowledge) {
        List<Wire.Coding> reasons = new ArrayList<>();
        for (IBaseResource r : knowledge.resources()) {
            if (r instanceof CodeSystem cs && KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM.equals(cs.getUrl())) {
                cs.getConcept().forEach(c -> reasons.add(new Wire.Coding(cs.getUrl(), c.getCode(), c.getDisplay())));
            }
        }
        this.overrideReasons = List.copyOf(reasons);
    }

    List<Wire.Coding> overrideReasons() {
        return overrideReasons;
    }

    Wire.Card card(CommunicationRequest alert, Optional<Wire.Suggestion> suggestion) {
        Coding code = alert.getReasonCodeFirstRep().getCodingFirstRep();
        String summary = text(alert, 0);
        if (summary.length() >= SUMMARY_MAX) {
            summary = summary.substring(0, SUMMARY_MAX - 2) + "…";
        }
        String detail = text(alert, 1);
        DetectedIssue issue = issue(alert);
        String sourceUrl = issue != null && issue.hasReference() ? issue.getReference() : null;
        StringBuilder md = new StringBuilder(markdown(detail));
        md.append("\n\n*Alert `").append(code.getCode()).append('`');
        if (issue != null && issue.hasSeverity()) {
            md.append(", severity ").append(issue.getSeverity().toCode());
        }
        md.append(", by baclofen-cds (decision support; not a substitute for clinical judgement).*");
        List<Wire.Link> links = new ArrayList<>();
        if (sourceUrl != null) {
            links.add(new Wire.Link("Source of this advice", sourceUrl, "absolute"));
        }
        return new Wire.Card(
                Suppressions.alertIdentifier(alert),
                summary,
                md.toString(),
                indicator(alert),
                new Wire.CardSource(
                        SOURCE_LABEL,
                        sourceUrl,
                        new Wire.Coding(KnowledgeUrls.ALERT_CODE_SYSTEM, code.getCode(), code.getDisplay())),
                suggestion.map(List::of).orElse(List.of()),
                suggestion.isPresent() ? "at-most-one" : null,
                overrideReasons,
                links);
    }

    /** low → info, moderate → warning, high → critical, from the alert's priority (API.md §3). */
    static String indicator(CommunicationRequest alert) {
        if (!alert.hasPriority()) {
            return "info";
        }
        return switch (alert.getPriority()) {
            case STAT, ASAP -> "critical";
            case URGENT -> "warning";
            default -> "info";
        };
    }

    private static DetectedIssue issue(CommunicationRequest alert) {
        for (Resource r : alert.getContained()) {
            if (r instanceof DetectedIssue d) {
                return d;
            }
        }
        return null;
    }

    private static String text(CommunicationRequest alert, int index) {
        if (alert.getPayload().size() <= index) {
            return "";
        }
        return alert.getPayload().get(index).getContentStringType().getValue();
    }

    /** The detail is plain text; keep characters GitHub markdown would read as markup literal. */
    static String markdown(String text) {
        return text.replace("\\", "\\\\")
                .replace("*", "\\*")
                .replace("_", "\\_")
                .replace("`", "\\`")
                .replace("<", "&lt;");
    }
}
