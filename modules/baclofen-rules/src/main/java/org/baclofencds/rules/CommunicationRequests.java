package org.baclofencds.rules;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baclofencds.knowledge.AlertCodeInfo;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Renders an {@link Alert} as the CommunicationRequest of API.md §3, the one place alerts are shaped as FHIR, and
 * reads the few fields other code needs back from a stored or received one (the one place that knows which
 * payload holds what).
 */
public final class CommunicationRequests {
    private CommunicationRequests() {}

    public static final String DEVICE = "Device/baclofen-cds";
    public static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/communication-category";
    static final String ISSUE_ID = "issue";
    private static final int SUMMARY = 0;
    private static final int DETAIL = 1;
    /** Where the narrative and the DetectedIssue point for the full text, which appears once (API.md §3). */
    static final String SEE_DETAIL = "The full detail, with what to do and the source, is in the alert's message.";

    public static List<CommunicationRequest> render(List<Alert> alerts, String groupIdentifier) {
        List<CommunicationRequest> out = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            out.add(render(a, groupIdentifier));
        }
        return out;
    }

    /** The alert resource; {@code groupIdentifier} ties the alerts of one check together, or null. */
    public static CommunicationRequest render(Alert a, String groupIdentifier) {
        Date identified = Date.from(a.identified());
        CommunicationRequest cr = new CommunicationRequest();
        cr.getMeta().addProfile(KnowledgeUrls.ALERT_PROFILE);
        cr.addIdentifier(
                new Identifier().setSystem(KnowledgeUrls.ALERT_ID_SYSTEM).setValue(a.identifier()));
        cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        cr.addCategory(new CodeableConcept(
                new Coding(CATEGORY_SYSTEM, a.category().code(), a.instruction() ? "Instruction" : "Alert")));
        cr.setPriority(
                CommunicationRequest.CommunicationPriority.fromCode(a.severity().priority()));
        cr.setSubject(a.patient().copy());

        DetectedIssue issue = new DetectedIssue();
        issue.setId(ISSUE_ID);
        issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        issue.setCode(new CodeableConcept(new Coding(AlertCodeInfo.ACT_CODE_SYSTEM, a.detectedIssueCode(), null)));
        issue.setSeverity(
                DetectedIssue.DetectedIssueSeverity.fromCode(a.severity().code()));
        issue.setPatient(a.patient().copy());
        issue.setIdentified(new DateTimeType(identified));
        issue.setAuthor(new Reference(DEVICE));
        for (MedicationOrder o : a.implicated()) {
            issue.addImplicated(o.reference().copy());
        }
        if (!a.evidence().isEmpty()) {
            DetectedIssue.DetectedIssueEvidenceComponent ev = issue.addEvidence();
            for (Reference r : a.evidence()) {
                ev.addDetail(r.copy());
            }
        }
        issue.setDetail(sentence(a.summary()) + " " + SEE_DETAIL);
        if (a.sourceUrl() != null) {
            issue.setReference(a.sourceUrl());
        }
        cr.addContained(issue);

        for (MedicationOrder o : a.implicated()) {
            cr.addAbout(o.reference().copy());
        }
        cr.addAbout(new Reference("#" + ISSUE_ID));
        cr.addReasonCode(new CodeableConcept(new Coding(KnowledgeUrls.ALERT_CODE_SYSTEM, a.code(), a.display())));
        for (Reference r : a.evidence()) {
            cr.addReasonReference(r.copy());
        }
        if (groupIdentifier != null && !groupIdentifier.isBlank()) {
            cr.setGroupIdentifier(new Identifier().setValue(groupIdentifier));
        }
        cr.addPayload().setContent(new StringType(a.summary()));
        cr.addPayload().setContent(new StringType(a.detail()));
        if (a.instruction()) {
            cr.addRecipient(a.patient().copy());
        } else {
            Map<String, Reference> recipients = new LinkedHashMap<>();
            for (MedicationOrder o : a.implicated()) {
                Reference r = o.requester();
                if (r != null) {
                    String key = r.hasReference()
                            ? r.getReference()
                            : r.getDisplay() + "|" + r.getIdentifier().getValue();
                    recipients.putIfAbsent(key, r);
                }
            }
            recipients.values().forEach(cr::addRecipient);
        }
        cr.setRequester(new Reference(DEVICE));
        cr.setSender(new Reference(DEVICE));
        cr.setAuthoredOnElement(new DateTimeType(identified));
        cr.getText().setStatus(Narrative.NarrativeStatus.GENERATED);
        cr.getText().setDiv(narrative(a.summary()));
        return cr;
    }

    /** The one-line summary of an alert resource (API.md §3 {@code payload[0]}), or "". */
    public static String summary(CommunicationRequest cr) {
        return payload(cr, SUMMARY);
    }

    /** The detail of an alert resource (API.md §3 {@code payload[1]}), or "". */
    public static String detail(CommunicationRequest cr) {
        return payload(cr, DETAIL);
    }

    /** The alert code of an alert resource, or null. */
    public static String code(CommunicationRequest cr) {
        for (CodeableConcept c : cr.getReasonCode()) {
            for (Coding coding : c.getCoding()) {
                if (KnowledgeUrls.ALERT_CODE_SYSTEM.equals(coding.getSystem())) {
                    return coding.getCode();
                }
            }
        }
        return null;
    }

    /** The identifier of an alert resource (API.md §3), or null. */
    public static String identifier(CommunicationRequest cr) {
        return cr.getIdentifier().stream()
                .filter(i -> KnowledgeUrls.ALERT_ID_SYSTEM.equals(i.getSystem()))
                .map(Identifier::getValue)
                .findFirst()
                .orElse(null);
    }

    /** The severity of an alert resource: its DetectedIssue's, else read back from the priority (API.md §3). */
    public static Severity severity(CommunicationRequest cr) {
        for (Resource r : cr.getContained()) {
            if (r instanceof DetectedIssue issue && issue.hasSeverity()) {
                return Severity.fromCode(issue.getSeverity().toCode());
            }
        }
        if (!cr.hasPriority()) {
            return Severity.LOW;
        }
        return switch (cr.getPriority()) {
            case STAT, ASAP -> Severity.HIGH;
            case URGENT -> Severity.MODERATE;
            default -> Severity.LOW;
        };
    }

    private static String payload(CommunicationRequest cr, int index) {
        if (cr.getPayload().size() <= index
                || !(cr.getPayload().get(index).getContent() instanceof StringType text)
                || text.getValue() == null) {
            return "";
        }
        return text.getValue();
    }

    /** Built as nodes rather than parsed from a string: parsing XHTML was most of an alert's cost. */
    private static XhtmlNode narrative(String summary) {
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addTag("p").addTag("b").addText(summary);
        div.addTag("p").addText(SEE_DETAIL);
        return div;
    }

    /** The summary as a sentence, so that the pointer to the detail reads as the next one. */
    private static String sentence(String summary) {
        return summary.endsWith(".") || summary.endsWith("!") || summary.endsWith("?") ? summary : summary + ".";
    }
}
