package org.baclofencds.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One patient's data as of an instant: everything a check may look at.
 *
 * @param patient the patient
 * @param medicationRequests the patient's stored orders, any status
 * @param medications Medications the orders may reference ({@code Medication/id})
 * @param observations labs, vital signs and status observations
 * @param conditions problems and diagnoses
 * @param draftOrders orders being written, checked as current (API.md §4); may lack an id
 * @param evaluationTime the instant the check is made "as of"; every look-back window counts from it
 * @param procedures procedures such as dialysis sessions
 * @param offset the UTC offset the evaluation time was given in; alert texts show dates and times in it
 */
public record PatientRecord(
        Patient patient,
        List<MedicationRequest> medicationRequests,
        List<Medication> medications,
        List<Observation> observations,
        List<Condition> conditions,
        List<MedicationRequest> draftOrders,
        Instant evaluationTime,
        List<Procedure> procedures,
        ZoneOffset offset) {

    /** A record without procedures. */
    public PatientRecord(
            Patient patient,
            List<MedicationRequest> medicationRequests,
            List<Medication> medications,
            List<Observation> observations,
            List<Condition> conditions,
            List<MedicationRequest> draftOrders,
            Instant evaluationTime) {
        this(
                patient,
                medicationRequests,
                medications,
                observations,
                conditions,
                draftOrders,
                evaluationTime,
                List.of(),
                ZoneOffset.UTC);
    }

    /** The same record, its texts written in the UTC offset of {@code offset} (e.g. the EHR's -05:00). */
    public PatientRecord withOffset(ZoneOffset zone) {
        return new PatientRecord(
                patient,
                medicationRequests,
                medications,
                observations,
                conditions,
                draftOrders,
                evaluationTime,
                procedures,
                zone);
    }

    public PatientRecord {
        if (patient == null) {
            throw new InvalidRecordException("The record has no Patient");
        }
        Objects.requireNonNull(evaluationTime, "evaluationTime");
        medicationRequests = copy(medicationRequests);
        medications = copy(medications);
        observations = copy(observations);
        conditions = copy(conditions);
        draftOrders = copy(draftOrders);
        procedures = copy(procedures);
        offset = offset == null ? ZoneOffset.UTC : offset;
    }

    /** The record a data source gathers: each resource is checked to be this patient's. */
    public static PatientRecord of(
            Patient patient,
            List<MedicationRequest> medicationRequests,
            List<Medication> medications,
            List<Observation> observations,
            List<Condition> conditions,
            List<MedicationRequest> draftOrders,
            Instant evaluationTime) {
        return of(
                patient,
                medicationRequests,
                medications,
                observations,
                conditions,
                List.of(),
                draftOrders,
                evaluationTime);
    }

    /** The record a data source gathers, with the patient's procedures; each resource checked to be theirs. */
    public static PatientRecord of(
            Patient patient,
            List<MedicationRequest> medicationRequests,
            List<Medication> medications,
            List<Observation> observations,
            List<Condition> conditions,
            List<Procedure> procedures,
            List<MedicationRequest> draftOrders,
            Instant evaluationTime) {
        PatientRecord record = new PatientRecord(
                patient,
                medicationRequests,
                medications,
                observations,
                conditions,
                draftOrders,
                evaluationTime,
                procedures,
                ZoneOffset.UTC);
        PatientIdentity identity = PatientIdentity.of(patient, null);
        for (MedicationRequest r : record.medicationRequests) {
            identity.requireOwn(r.getSubject(), "A MedicationRequest");
        }
        for (MedicationRequest r : record.draftOrders) {
            identity.requireOwn(r.getSubject(), "A draft order");
        }
        for (Observation o : record.observations) {
            identity.requireOwn(o.getSubject(), "An Observation");
        }
        for (Condition c : record.conditions) {
            identity.requireOwn(c.getSubject(), "A Condition");
        }
        for (Procedure p : record.procedures) {
            identity.requireOwn(p.getSubject(), "A Procedure");
        }
        return record;
    }

    /**
     * The same record with the orders being written added, each checked to be this patient's.
     *
     * @throws InvalidRecordException for a draft order of another patient
     */
    public PatientRecord withDraftOrders(List<MedicationRequest> drafts) {
        if (drafts == null || drafts.isEmpty()) {
            return this;
        }
        PatientIdentity identity = PatientIdentity.of(patient, null);
        List<MedicationRequest> all = new ArrayList<>(draftOrders);
        int d = 0;
        for (MedicationRequest mr : drafts) {
            if (mr != null) {
                identity.requireOwn(mr.getSubject(), "Draft order " + d);
                all.add(mr);
            }
            d++;
        }
        return new PatientRecord(
                patient,
                medicationRequests,
                medications,
                observations,
                conditions,
                all,
                evaluationTime,
                procedures,
                offset);
    }

    /**
     * From a Bundle of one Patient and any number of MedicationRequest, Medication, Observation,
     * Condition and Procedure resources (other types are ignored). References written as the Bundle's {@code fullUrl}s
     * are rewritten on copies to {@code Type/id}, so the checks can follow them.
     *
     * @throws InvalidRecordException for no Patient, two Patients, or a resource of another patient
     */
    public static PatientRecord fromBundle(Bundle data, List<MedicationRequest> draftOrders, Instant evaluationTime) {
        if (data == null) {
            throw new InvalidRecordException("No data Bundle was given");
        }
        Patient patient = null;
        String patientFullUrl = null;
        Map<String, String> medicationAliases = new HashMap<>();
        int patients = 0;
        for (Bundle.BundleEntryComponent entry : data.getEntry()) {
            Resource r = entry.getResource();
            if (r instanceof Patient p) {
                patients++;
                patient = p;
                patientFullUrl = entry.getFullUrl();
            } else if (r instanceof Medication m
                    && entry.hasFullUrl()
                    && m.getIdElement().hasIdPart()) {
                medicationAliases.put(
                        entry.getFullUrl(), "Medication/" + m.getIdElement().getIdPart());
            }
        }
        if (patients == 0) {
            throw new InvalidRecordException("The data Bundle has no Patient");
        }
        if (patients > 1) {
            throw new InvalidRecordException("The data Bundle has " + patients + " Patients; exactly one is expected");
        }
        PatientIdentity identity = PatientIdentity.of(patient, patientFullUrl);
        List<MedicationRequest> requests = new ArrayList<>();
        List<Medication> medications = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        List<Procedure> procedures = new ArrayList<>();
        int index = 0;
        for (Bundle.BundleEntryComponent entry : data.getEntry()) {
            Resource r = entry.getResource();
            String where = "Bundle entry " + index;
            if (r instanceof MedicationRequest mr) {
                identity.requireOwn(mr.getSubject(), where + " (MedicationRequest)");
                requests.add(withMedicationAlias(mr, medicationAliases));
            } else if (r instanceof Medication m) {
                medications.add(m);
            } else if (r instanceof Observation o) {
                identity.requireOwn(o.getSubject(), where + " (Observation)");
                observations.add(o);
            } else if (r instanceof Condition c) {
                identity.requireOwn(c.getSubject(), where + " (Condition)");
                conditions.add(c);
            } else if (r instanceof Procedure p) {
                identity.requireOwn(p.getSubject(), where + " (Procedure)");
                procedures.add(p);
            }
            index++;
        }
        List<MedicationRequest> drafts = new ArrayList<>();
        if (draftOrders != null) {
            int d = 0;
            for (MedicationRequest mr : draftOrders) {
                if (mr != null) {
                    identity.requireOwn(mr.getSubject(), "Draft order " + d);
                    drafts.add(withMedicationAlias(mr, medicationAliases));
                }
                d++;
            }
        }
        return new PatientRecord(
                patient,
                requests,
                medications,
                observations,
                conditions,
                drafts,
                evaluationTime,
                procedures,
                ZoneOffset.UTC);
    }

    private static MedicationRequest withMedicationAlias(MedicationRequest mr, Map<String, String> aliases) {
        if (mr.hasMedicationReference()) {
            String target = aliases.get(mr.getMedicationReference().getReference());
            if (target != null) {
                MedicationRequest copy = mr.copy();
                copy.setMedication(new Reference(target));
                return copy;
            }
        }
        return mr;
    }

    private static <T> List<T> copy(List<T> list) {
        if (list == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            if (t != null) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
