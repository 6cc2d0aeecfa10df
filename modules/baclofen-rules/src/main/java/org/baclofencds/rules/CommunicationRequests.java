package org.baclofencds.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.baclofencds.knowledge.AlertCodeInfo;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/** Builds the alert resource of API.md §3 from a finding: the one place alerts are shaped. */
public final class CommunicationRequests {
    private CommunicationRequests() {}

    public static final String DEVICE = "Device/baclofen-cds";
    public static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/communication-category";
    static final String ISSUE_ID = "issue";
    static final int SUMMARY_MAX = 140;

    public static CommunicationRequest build(Finding f, Evaluation e, Knowledge knowledge, String groupIdentifier) {
        AlertCodeInfo info = knowledge.alertCode(f.code());
        Instant eval = e.evaluationTime();
        boolean instruction = info.category() == AlertCodeInfo.Category.INSTRUCTION;
        String summary = summary(f.summary());
        String detail = f.detail() + " " + f.provenance();

        CommunicationRequest cr = new CommunicationRequest();
        cr.getMeta().addProfile(KnowledgeUrls.ALERT_PROFILE);
        cr.addIdentifier(
                new Identifier().setSystem(KnowledgeUrls.ALERT_ID_SYSTEM).setValue(identifier(f, e)));
        cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        cr.addCategory(new CodeableConcept(
                new Coding(CATEGORY_SYSTEM, info.category().code(), instruction ? "Instruction" : "Alert")));
        cr.setPriority(
                CommunicationRequest.CommunicationPriority.fromCode(f.severity().priority()));
        cr.setSubject(e.patientReference());

        DetectedIssue issue = new DetectedIssue();
        issue.setId(ISSUE_ID);
        issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        issue.setCode(new CodeableConcept(new Coding(AlertCodeInfo.ACT_CODE_SYSTEM, info.detectedIssueCode(), null)));
        issue.setSeverity(
                DetectedIssue.DetectedIssueSeverity.fromCode(f.severity().code()));
        issue.setPatient(e.patientReference());
        issue.setIdentified(new DateTimeType(Date.from(eval)));
        issue.setAuthor(new Reference(DEVICE));
        List<Reference> implicated = implicated(f);
        for (Reference r : implicated) {
            issue.addImplicated(r.copy());
        }
        List<Reference> evidence = evidence(f);
        if (!evidence.isEmpty()) {
            DetectedIssue.DetectedIssueEvidenceComponent ev = issue.addEvidence();
            for (Reference r : evidence) {
                ev.addDetail(r.copy());
            }
        }
        issue.setDetail(detail);
        if (f.referenceUrl() != null) {
            issue.setReference(f.referenceUrl());
        }
        cr.addContained(issue);

        for (Reference r : implicated) {
            cr.addAbout(r.copy());
        }
        cr.addAbout(new Reference("#" + ISSUE_ID));
        cr.addReasonCode(new CodeableConcept(new Coding(KnowledgeUrls.ALERT_CODE_SYSTEM, f.code(), info.display())));
        for (Reference r : evidence) {
            cr.addReasonReference(r.copy());
        }
        if (groupIdentifier != null && !groupIdentifier.isBlank()) {
            cr.setGroupIdentifier(new Identifier().setValue(groupIdentifier));
        }
        cr.addPayload().setContent(new StringType(summary));
        cr.addPayload().setContent(new StringType(detail));
        if (instruction) {
            cr.addRecipient(e.patientReference());
        } else {
            Map<String, Reference> recipients = new LinkedHashMap<>();
            for (MedicationOrder o : f.implicated()) {
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
        cr.setAuthoredOnElement(new DateTimeType(Date.from(eval)));
        cr.getText().setStatus(Narrative.NarrativeStatus.GENERATED);
        cr.getText().setDiv(narrative(summary, detail));
        return cr;
    }

    /** Name-based UUID of patient, code and the sorted implicated orders: same finding, same identifier. */
    static String identifier(Finding f, Evaluation e) {
        TreeSet<String> keys = new TreeSet<>();
        for (MedicationOrder o : f.implicated()) {
            keys.add(o.key());
        }
        String text = e.patientKey() + "\n" + f.code() + "\n" + String.join("\n", keys);
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static List<Reference> implicated(Finding f) {
        List<Reference> out = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (MedicationOrder o : f.implicated()) {
            if (seen.add(o.key())) {
                out.add(o.reference());
            }
        }
        return out;
    }

    private static List<Reference> evidence(Finding f) {
        List<Reference> out = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Resource r : f.evidence()) {
            String type = r instanceof Observation ? "Observation" : r instanceof Condition ? "Condition" : null;
            if (type == null || !r.getIdElement().hasIdPart()) {
                continue; // R4 reasonReference takes Observations and Conditions, and an id to point at
            }
            String value = r.getIdElement().getValue() != null
                            && r.getIdElement().getValue().startsWith("urn:")
                    ? r.getIdElement().getValue()
                    : type + "/" + r.getIdElement().getIdPart();
            if (seen.add(value)) {
                out.add(new Reference(value));
            }
        }
        return out;
    }

    static String summary(String s) {
        if (s.length() <= SUMMARY_MAX) {
            return s;
        }
        return s.substring(0, SUMMARY_MAX - 1) + "…";
    }

    /** Built as nodes rather than parsed from a string: parsing XHTML was most of an alert's cost. */
    private static XhtmlNode narrative(String summary, String detail) {
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addTag("p").addTag("b").addText(summary);
        div.addTag("p").addText(detail);
        return div;
    }
}
