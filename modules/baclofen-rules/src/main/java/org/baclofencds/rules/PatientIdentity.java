package org.baclofencds.rules;

import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/** The ways a reference can name the record's patient, to refuse another patient's data. */
final class PatientIdentity {
    private final String idPart;
    private final Set<String> aliases;

    private PatientIdentity(String idPart, Set<String> aliases) {
        this.idPart = idPart;
        this.aliases = aliases;
    }

    static PatientIdentity of(Patient patient, String fullUrl) {
        Set<String> aliases = new HashSet<>();
        String idPart = null;
        if (patient.getIdElement().hasIdPart()) {
            idPart = patient.getIdElement().getIdPart();
            aliases.add(patient.getIdElement().getValue());
            aliases.add("Patient/" + idPart);
            aliases.add(idPart);
        }
        if (fullUrl != null && !fullUrl.isBlank()) {
            aliases.add(fullUrl);
        }
        return new PatientIdentity(idPart, aliases);
    }

    /** Accepts no reference, a display-only or identifier-only reference, or a reference to this patient. */
    void requireOwn(Reference subject, String what) {
        if (subject == null || !subject.hasReference()) {
            return;
        }
        String ref = subject.getReference();
        if (aliases.contains(ref)) {
            return;
        }
        IdType id = new IdType(ref);
        if (idPart != null && "Patient".equals(id.getResourceType()) && idPart.equals(id.getIdPart())) {
            return; // absolute URL or versioned form of the same patient
        }
        throw new InvalidRecordException(what + " refers to a different patient than the record's Patient");
    }
}
