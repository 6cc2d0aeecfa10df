package org.baclofencds.server.cdshooks;

import static org.baclofencds.server.cdshooks.CdsServer.CTX;
import static org.baclofencds.server.cdshooks.CdsServer.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.baclofencds.server.ExampleCorpus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/** Builds CDS Hooks requests from the example transaction Bundles. */
final class CdsRequests {
    private CdsRequests() {}

    static Path examplesDir() {
        return ExampleCorpus.dir();
    }

    static Bundle example(String file) {
        try {
            String json = Files.readString(examplesDir().resolve(file), StandardCharsets.UTF_8);
            return CTX.newJsonParser().parseResource(Bundle.class, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode node(Resource r) {
        try {
            return (ObjectNode) JSON.readTree(CTX.newJsonParser().encodeResourceToString(r));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Resource> resources(Bundle example) {
        List<Resource> out = new ArrayList<>();
        example.getEntry().forEach(e -> out.add(e.getResource()));
        return out;
    }

    static boolean isDraft(Resource r) {
        return r instanceof MedicationRequest mr
                && mr.hasStatus()
                && mr.getStatus() == MedicationRequest.MedicationRequestStatus.DRAFT;
    }

    static Bundle searchset(List<Resource> resources) {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        b.setTotal(resources.size());
        resources.forEach(r -> b.addEntry()
                .setFullUrl("http://ehr.example.org/fhir/" + r.fhirType() + "/"
                        + r.getIdElement().getIdPart())
                .setResource(r));
        return b;
    }

    static ObjectNode envelope(String hook, String patientId, String evaluationTime) {
        ObjectNode req = JSON.createObjectNode();
        req.put("hook", hook);
        req.put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = req.putObject("context");
        context.put("userId", "Practitioner/cds-test-user");
        context.put("patientId", patientId);
        if (evaluationTime != null) {
            req.putObject("extension").put("org.baclofencds.evaluationTime", evaluationTime);
        }
        return req;
    }

    /** order-sign with every key prefetched; the example's draft orders become {@code context.draftOrders}. */
    static ObjectNode orderSign(String file, String patientId, String evaluationTime) {
        List<Resource> all = resources(example(file));
        ObjectNode req = envelope("order-sign", patientId, evaluationTime);
        Bundle drafts = new Bundle().setType(Bundle.BundleType.COLLECTION);
        all.stream().filter(CdsRequests::isDraft).forEach(r -> drafts.addEntry().setResource(r));
        ((ObjectNode) req.get("context")).set("draftOrders", node(drafts));
        ObjectNode prefetch = req.putObject("prefetch");
        Patient patient = (Patient)
                all.stream().filter(r -> r instanceof Patient).findFirst().orElseThrow();
        prefetch.set("patient", node(patient));
        prefetch.set(
                "medications",
                node(searchset(all.stream()
                        .filter(r -> (r instanceof MedicationRequest && !isDraft(r)) || r instanceof Medication)
                        .toList())));
        prefetch.set(
                "observations",
                node(searchset(
                        all.stream().filter(r -> r instanceof Observation).toList())));
        prefetch.set(
                "conditions",
                node(searchset(all.stream().filter(r -> r instanceof Condition).toList())));
        prefetch.set(
                "procedures",
                node(searchset(all.stream().filter(r -> r instanceof Procedure).toList())));
        return req;
    }

    /** The draft orders of an example as an order-select request selecting all of them. */
    static ObjectNode patientView(String patientId, String evaluationTime, String fhirServer) {
        ObjectNode req = envelope("patient-view", patientId, evaluationTime);
        req.put("fhirServer", fhirServer);
        ObjectNode auth = req.putObject("fhirAuthorization");
        auth.put("access_token", "secret-token-for-the-ehr");
        auth.put("token_type", "Bearer");
        auth.put("expires_in", 300);
        auth.put("scope", "patient/*.read");
        auth.put("subject", "baclofen-cds");
        return req;
    }
}
