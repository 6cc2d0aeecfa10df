package org.baclofencds.server.store;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/** One patient's record as the checks need it: the Patient and their orders, drugs, results, problems and procedures. */
public record PatientRecord(
        Patient patient,
        List<MedicationRequest> medicationRequests,
        List<Medication> medications,
        List<Observation> observations,
        List<Condition> conditions,
        List<Procedure> procedures) {

    /** A record without procedures. */
    public PatientRecord(
            Patient patient,
            List<MedicationRequest> medicationRequests,
            List<Medication> medications,
            List<Observation> observations,
            List<Condition> conditions) {
        this(patient, medicationRequests, medications, observations, conditions, List.of());
    }

    public PatientRecord {
        medicationRequests = List.copyOf(medicationRequests);
        medications = List.copyOf(medications);
        observations = List.copyOf(observations);
        conditions = List.copyOf(conditions);
        procedures = List.copyOf(procedures);
    }

    /** The record as a {@code collection} Bundle, the shape of the {@code data} input of $baclofen-check. */
    public Bundle toBundle() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        add(bundle, patient);
        medicationRequests.forEach(r -> add(bundle, r));
        medications.forEach(r -> add(bundle, r));
        observations.forEach(r -> add(bundle, r));
        conditions.forEach(r -> add(bundle, r));
        procedures.forEach(r -> add(bundle, r));
        return bundle;
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry()
                .setFullUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource);
    }
}
