package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baclofencds.rules.Fixtures.EVAL;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class PatientRecordTest {

    private static Bundle parse(String json) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
    }

    private static final String TRANSACTION =
            """
            {"resourceType":"Bundle","type":"transaction","entry":[
             {"fullUrl":"urn:uuid:0b6b8c1e-1111-4111-8111-111111111111",
              "resource":{"resourceType":"Patient","birthDate":"1960-01-01","gender":"female"}},
             {"fullUrl":"urn:uuid:0b6b8c1e-2222-4222-8222-222222222222",
              "resource":{"resourceType":"Medication","id":"m1",
                "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197392"}]}}},
             {"fullUrl":"urn:uuid:0b6b8c1e-3333-4333-8333-333333333333",
              "resource":{"resourceType":"MedicationRequest","status":"active","intent":"order",
                "subject":{"reference":"urn:uuid:0b6b8c1e-1111-4111-8111-111111111111"},
                "medicationReference":{"reference":"urn:uuid:0b6b8c1e-2222-4222-8222-222222222222"},
                "authoredOn":"2026-01-01",
                "dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"26643006"}]},
                  "timing":{"code":{"text":"QID"}},
                  "doseAndRate":[{"doseQuantity":{"value":1.5,"unit":"tablet"}}]}]}},
             {"resource":{"resourceType":"Encounter","status":"finished"}}
            ]}""";

    @Test
    void readsATransactionBundleAndFollowsFullUrlReferences() {
        PatientRecord r = PatientRecord.fromBundle(parse(TRANSACTION), List.of(), EVAL);
        assertThat(r.medicationRequests()).hasSize(1);
        assertThat(r.medications()).hasSize(1);
        assertThat(r.medicationRequests().get(0).getMedicationReference().getReference())
                .isEqualTo("Medication/m1");
        // 1.5 tablets × 20 mg × 4 = 120 mg/day: the referenced Medication's product gave the strength
        List<CommunicationRequest> alerts = Fixtures.ENGINE.evaluate(r, null);
        CommunicationRequest max = Fixtures.alert(alerts, AlertCodes.MAX_DAILY_DOSE);
        assertThat(Fixtures.detail(max)).contains("120 mg/day");
        assertThat(max.getSubject().getReference()).isEqualTo("urn:uuid:0b6b8c1e-1111-4111-8111-111111111111");
        assertThat(max.hasGroupIdentifier()).isFalse();
    }

    @Test
    void doesNotChangeTheCallersResources() {
        Bundle b = parse(TRANSACTION);
        PatientRecord.fromBundle(b, List.of(), EVAL);
        assertThat(((MedicationRequest) b.getEntry().get(2).getResource())
                        .getMedicationReference()
                        .getReference())
                .startsWith("urn:uuid:");
    }

    @Test
    void refusesABundleWithoutPatient() {
        assertThatThrownBy(() -> PatientRecord.fromBundle(new Bundle(), List.of(), EVAL))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("no Patient");
    }

    @Test
    void refusesTwoPatients() {
        Bundle b = new Bundle();
        b.addEntry().setResource(new Patient().setId("a"));
        b.addEntry().setResource(new Patient().setId("b"));
        assertThatThrownBy(() -> PatientRecord.fromBundle(b, List.of(), EVAL))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("2 Patients");
    }

    @Test
    void refusesAnotherPatientsDataWithoutNamingIt() {
        Bundle b = new Bundle();
        b.addEntry().setResource(new Patient().setId("p1"));
        MedicationRequest mr = Fixtures.oral("a", "10", "TID");
        mr.setSubject(new Reference("Patient/someone-else"));
        b.addEntry().setResource(mr);
        assertThatThrownBy(() -> PatientRecord.fromBundle(b, List.of(), EVAL))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("different patient")
                .hasMessageNotContaining("someone-else");
    }

    @Test
    void refusesADraftOrderOfAnotherPatient() {
        Bundle b = new Bundle();
        b.addEntry().setResource(new Patient().setId("p1"));
        MedicationRequest draft = Fixtures.draftOral("d", "10", "TID");
        draft.setSubject(new Reference("Patient/p2"));
        assertThatThrownBy(() -> PatientRecord.fromBundle(b, List.of(draft), EVAL))
                .isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void acceptsAbsoluteReferencesToTheSamePatient() {
        Bundle b = new Bundle();
        b.addEntry().setResource(new Patient().setId("p1"));
        MedicationRequest mr = Fixtures.oral("a", "10", "TID");
        mr.setSubject(new Reference("http://ehr.example/fhir/Patient/p1"));
        b.addEntry().setResource(mr);
        assertThat(PatientRecord.fromBundle(b, List.of(), EVAL).medicationRequests())
                .hasSize(1);
    }

    @Test
    void aDraftWithoutIdIsReferredToByDisplayAndHasAStableIdentifier() {
        MedicationRequest draft = Fixtures.draftOral(null, "30", "TID");
        draft.setIdElement(null);
        PatientRecord r = Fixtures.rec().draft(draft).build();
        List<CommunicationRequest> first = Fixtures.ENGINE.evaluate(r, "g");
        CommunicationRequest start = Fixtures.alert(first, AlertCodes.STARTING_DOSE);
        assertThat(start.getAboutFirstRep().hasReference()).isFalse();
        assertThat(start.getAboutFirstRep().getDisplay()).startsWith("draft order 1");
        List<CommunicationRequest> again = Fixtures.ENGINE.evaluate(r, "g");
        assertThat(Fixtures.alert(again, AlertCodes.STARTING_DOSE)
                        .getIdentifierFirstRep()
                        .getValue())
                .isEqualTo(start.getIdentifierFirstRep().getValue());
    }

    @Test
    void aDraftOrderReplacesTheStoredOrderWithTheSameId() {
        MedicationRequest stored = Fixtures.oral("a", "10", "TID");
        MedicationRequest edited = Fixtures.draftOral("a", "30", "QID");
        Evaluation e = Fixtures.rec().order(stored).draft(edited).analyse();
        assertThat(e.currentOral()).hasSize(1);
        assertThat(e.currentOral().get(0).dose().value()).isEqualByComparingTo("120");
    }
}
