package org.baclofencds.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.Alert;
import org.baclofencds.rules.Severity;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;

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

    Wire.Card card(Alert alert, Optional<Wire.Suggestion> suggestion) {
        String summary = alert.summary();
        if (summary.length() >= SUMMARY_MAX) {
            summary = summary.substring(0, SUMMARY_MAX - 2) + "…";
        }
        StringBuilder md = new StringBuilder(markdown(alert.detail()));
        md.append("\n\n*Alert `")
                .append(alert.code())
                .append("`, severity ")
                .append(alert.severity().code())
                .append(", by baclofen-cds (decision support; not a substitute for clinical judgement).*");
        return new Wire.Card(
                alert.identifier(),
                summary,
                md.toString(),
                indicator(alert.severity()),
                new Wire.CardSource(
                        SOURCE_LABEL,
                        alert.sourceUrl(),
                        new Wire.Coding(KnowledgeUrls.ALERT_CODE_SYSTEM, alert.code(), alert.display())),
                suggestion.map(List::of).orElse(List.of()),
                suggestion.isPresent() ? "at-most-one" : null,
                overrideReasons,
                alert.sourceUrl() == null
                        ? List.of()
                        : List.of(new Wire.Link("Source of this advice", alert.sourceUrl(), "absolute")));
    }

    /** low → info, moderate → warning, high → critical (API.md §6). */
    static String indicator(Severity severity) {
        return switch (severity) {
            case HIGH -> "critical";
            case MODERATE -> "warning";
            case LOW -> "info";
        };
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
