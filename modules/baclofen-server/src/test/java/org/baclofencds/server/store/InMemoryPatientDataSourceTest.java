package org.baclofencds.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.baclofencds.rules.PatientRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class InMemoryPatientDataSourceTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private final InMemoryPatientDataSource store =
            new InMemoryPatientDataSource(CTX, Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void createAssignsIdVersionOneAndLastUpdated() {
        Patient p = new Patient();
        p.setId("ignored-on-create");
        WriteOutcome out = store.create(p);

        assertThat(out.created()).isTrue();
        assertThat(out.id()).isNotEqualTo("ignored-on-create").matches("[A-Za-z0-9\\-.]{1,64}");
        assertThat(out.versionId()).isEqualTo("1");
        Patient read = store.read(Patient.class, out.id());
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");
        assertThat(read.getMeta().getLastUpdated())
                .isEqualTo(java.util.Date.from(Instant.parse("2025-03-01T10:00:00Z")));
    }

    @Test
    void storesAndHandsOutCopies() {
        Patient p = new Patient();
        p.setGender(AdministrativeGender.FEMALE);
        String id = store.create(p).id();
        p.setGender(AdministrativeGender.MALE);
        Patient read = store.read(Patient.class, id);
        read.setGender(AdministrativeGender.OTHER);

        assertThat(store.read(Patient.class, id).getGender()).isEqualTo(AdministrativeGender.FEMALE);
    }

    @Test
    void updateKeepsHistoryAndDeleteMakesReadsGone() {
        Patient p = new Patient();
        p.setId("p1");
        p.setGender(AdministrativeGender.FEMALE);
        assertThat(store.update(p).created()).isTrue();
        p.setGender(AdministrativeGender.MALE);
        WriteOutcome second = store.update(p);
        assertThat(second.created()).isFalse();
        assertThat(second.versionId()).isEqualTo("2");

        assertThat(store.vread(Patient.class, "p1", "1").getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(store.read(Patient.class, "p1").getGender()).isEqualTo(AdministrativeGender.MALE);

        WriteOutcome deleted = store.delete("Patient", "p1", null);
        assertThat(deleted.versionId()).isEqualTo("3");
        assertThatThrownBy(() -> store.read(Patient.class, "p1")).isInstanceOf(ResourceGoneException.class);
        assertThatThrownBy(() -> store.vread(Patient.class, "p1", "3")).isInstanceOf(ResourceGoneException.class);
        assertThat(store.vread(Patient.class, "p1", "2").getGender()).isEqualTo(AdministrativeGender.MALE);
        assertThat(store.search(Patient.class, SearchCriteria.ALL)).isEmpty();
        assertThat(store.delete("Patient", "p1", null).versionId())
                .as("deleting again changes nothing")
                .isEqualTo("3");

        assertThat(store.update(p).created()).as("an update brings it back").isTrue();
        assertThat(store.read(Patient.class, "p1").getMeta().getVersionId()).isEqualTo("4");
    }

    @Test
    void unknownIdsAre404AndMalformedIds400() {
        assertThatThrownBy(() -> store.read(Patient.class, "nope")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> store.vread(Patient.class, "nope", "1")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> store.delete("Patient", "nope", null)).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> store.read(Patient.class, "bad id!")).isInstanceOf(InvalidRequestException.class);
        Patient p = new Patient();
        p.setId("x".repeat(65));
        assertThatThrownBy(() -> store.update(p)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void typesOutsideThePatientRecordAreRejected() {
        assertThatThrownBy(() -> store.create(new MedicationKnowledge()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("MedicationKnowledge");
    }

    @Test
    void anUpdateWithTheSameContentKeepsTheVersion() {
        Patient p = new Patient();
        p.setId("same");
        p.setGender(AdministrativeGender.FEMALE);
        store.update(p);
        WriteOutcome again = store.update(p);

        assertThat(again.created()).isFalse();
        assertThat(again.versionId()).isEqualTo("1");
        p.setGender(AdministrativeGender.MALE);
        assertThat(store.update(p).versionId()).isEqualTo("2");
    }

    @Test
    void ifMatchMismatchIsAConflictAndChangesNothing() {
        Patient p = new Patient();
        p.setId("im");
        store.update(p);
        p.setGender(AdministrativeGender.FEMALE);
        store.update(p);

        assertThatThrownBy(() -> store.update(p, "1")).isInstanceOf(ResourceVersionConflictException.class);
        assertThatThrownBy(() -> store.delete("Patient", "im", "1"))
                .isInstanceOf(ResourceVersionConflictException.class);
        p.setGender(AdministrativeGender.MALE);
        assertThat(store.update(p, "2").versionId()).isEqualTo("3");
        assertThat(store.read(Patient.class, "im").getMeta().getVersionId()).isEqualTo("3");
    }

    @Test
    void conditionalCreateReturnsTheMatchOrFailsOnSeveral() {
        Patient p = new Patient();
        p.addIdentifier().setSystem("urn:mrn").setValue("42");
        WriteOutcome first = store.create(p, "identifier=urn:mrn|42");
        WriteOutcome again = store.create(p, "Patient?identifier=urn:mrn|42");
        assertThat(again.created()).isFalse();
        assertThat(again.id()).isEqualTo(first.id());

        store.create(p);
        assertThatThrownBy(() -> store.create(p, "identifier=urn:mrn|42"))
                .isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void tokenSearchHonoursSystemAndCodeForms() {
        store.create(observation("p", "http://loinc.org", "62238-1", "2024-01-01"));
        store.create(observation("p", null, "62238-1", "2024-01-01"));

        assertThat(count(Observation.class, "code", new TokenParam("http://loinc.org", "62238-1")))
                .isEqualTo(1);
        assertThat(count(Observation.class, "code", new TokenParam(null, "62238-1")))
                .isEqualTo(2);
        assertThat(count(Observation.class, "code", new TokenParam("", "62238-1")))
                .isEqualTo(1);
        assertThat(count(Observation.class, "code", new TokenParam("http://loinc.org", "")))
                .isEqualTo(1);
        assertThat(count(Observation.class, "code", new TokenParam("http://snomed.info/sct", "62238-1")))
                .isZero();
        assertThat(count(Observation.class, "status", new TokenParam("final"))).isEqualTo(2);
        assertThat(count(
                        Observation.class, "status", new TokenParam("http://hl7.org/fhir/observation-status", "final")))
                .isEqualTo(2);
    }

    @Test
    void referenceSearchAcceptsTypedAndBareIds() {
        store.create(observation("p1", "http://loinc.org", "1", "2024-01-01"));
        Observation aboutGroup = observation("p1", "http://loinc.org", "1", "2024-01-01");
        aboutGroup.setSubject(new Reference("Group/p1"));
        store.create(aboutGroup);

        assertThat(count(Observation.class, "patient", new ReferenceParam("Patient/p1")))
                .isEqualTo(1);
        assertThat(count(Observation.class, "patient", new ReferenceParam("p1")))
                .isEqualTo(1);
        assertThat(count(Observation.class, "subject", new ReferenceParam("p1")))
                .isEqualTo(2);
        assertThat(count(Observation.class, "subject", new ReferenceParam("Group/p1")))
                .isEqualTo(1);
        assertThat(count(Observation.class, "patient", new ReferenceParam("Patient/p2")))
                .isZero();
    }

    @Test
    void dateSearchAppliesPrefixesToRanges() {
        store.create(observation("p", "http://loinc.org", "1", "2024-01-10T12:00:00Z"));
        store.create(observation("p", "http://loinc.org", "1", "2024-06-10"));
        Observation period = observation("p", "http://loinc.org", "1", null);
        period.setEffective(new Period()
                .setStartElement(new DateTimeType("2023-12-01"))
                .setEndElement(new DateTimeType("2024-02-01")));
        store.create(period);

        assertThat(count(Observation.class, "date", new DateParam("2024-01-10")))
                .isEqualTo(1);
        assertThat(count(Observation.class, "date", new DateParam("2024"))).isEqualTo(2);
        assertThat(count(Observation.class, "date", new DateParam("ge2024-03-01")))
                .isEqualTo(1);
        assertThat(count(Observation.class, "date", new DateParam("gt2024-06-10")))
                .isZero();
        assertThat(count(Observation.class, "date", new DateParam("le2024-01-31")))
                .isEqualTo(2);
        assertThat(count(Observation.class, "date", new DateParam("lt2023-12-15")))
                .isEqualTo(1);
    }

    @Test
    void searchRejectsUnknownParameters() {
        assertThatThrownBy(() -> store.search(
                        Patient.class,
                        SearchCriteria.builder()
                                .where("shoe-size", new TokenParam("42"))
                                .build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("shoe-size");
    }

    @Test
    void patientRecordGathersOrdersTheirMedicationsResultsAndConditions() {
        Patient patient = new Patient();
        patient.setId("rec");
        store.update(patient);
        Medication med = new Medication();
        med.setCode(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "197391", null)));
        String medId = store.create(med).id();
        MedicationRequest order = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setSubject(new Reference("Patient/rec"))
                .setMedication(new Reference("Medication/" + medId));
        store.create(order);
        MedicationRequest dangling = order.copy().setMedication(new Reference("Medication/missing"));
        store.create(dangling);
        store.create(observation("rec", "http://loinc.org", "62238-1", "2024-01-01"));
        store.create(observation("someone-else", "http://loinc.org", "62238-1", "2024-01-01"));
        Condition ckd = new Condition().setSubject(new Reference("Patient/rec"));
        store.create(ckd);

        PatientRecord record = store.patientRecord("rec", Instant.parse("2026-06-15T12:00:00Z"));

        assertThat(record.patient().getIdElement().getIdPart()).isEqualTo("rec");
        assertThat(record.medicationRequests()).hasSize(2);
        assertThat(record.medications())
                .extracting(m -> m.getIdElement().getIdPart())
                .containsExactly(medId);
        assertThat(record.observations()).hasSize(1);
        assertThat(record.conditions()).hasSize(1);
        assertThatThrownBy(() -> store.patientRecord("nobody", Instant.parse("2026-06-15T12:00:00Z")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void failedTransactionRollsBackEverything() {
        Patient existing = new Patient();
        existing.setId("keep");
        existing.setGender(AdministrativeGender.FEMALE);
        store.update(existing);

        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient changed = existing.copy().setGender(AdministrativeGender.MALE);
        tx.addEntry()
                .setResource(changed)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Patient/keep");
        tx.addEntry()
                .setResource(new Patient())
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        tx.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Patient/keep");
        // Fails last: If-Match 1 does not hold once the DELETE (processed first) has run.
        tx.getEntry().get(0).getRequest().setIfMatch("W/\"1\"");

        assertThatThrownBy(() -> store.transaction(tx))
                .isInstanceOf(ResourceVersionConflictException.class)
                .hasMessageContaining("Bundle.entry[0]");
        assertThat(store.read(Patient.class, "keep").getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(store.read(Patient.class, "keep").getMeta().getVersionId()).isEqualTo("1");
        assertThat(store.search(Patient.class, SearchCriteria.ALL)).hasSize(1);
    }

    @Test
    void transactionRejectsUnresolvedUrnReferences() {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Observation o = observation("x", "http://loinc.org", "1", "2024-01-01");
        o.setSubject(new Reference("urn:uuid:0b1e5a8e-0000-0000-0000-000000000000"));
        tx.addEntry()
                .setResource(o)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");

        assertThatThrownBy(() -> store.transaction(tx))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("urn:uuid:0b1e5a8e");
        assertThat(store.search(Observation.class, SearchCriteria.ALL)).isEmpty();
    }

    @Test
    void concurrentTransactionsAndReadersSeeAllOrNothing() throws Exception {
        int writers = 4;
        int perWriter = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger torn = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perWriter; i++) {
                        String pid = "w" + writer + "-" + i;
                        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                        Patient p = new Patient();
                        p.setId(pid);
                        tx.addEntry()
                                .setResource(p)
                                .getRequest()
                                .setMethod(Bundle.HTTPVerb.PUT)
                                .setUrl("Patient/" + pid);
                        Observation o = observation(pid, "http://loinc.org", "1", "2024-01-01");
                        tx.addEntry()
                                .setResource(o)
                                .getRequest()
                                .setMethod(Bundle.HTTPVerb.POST)
                                .setUrl("Observation");
                        store.transaction(tx);
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                go.await();
                for (int i = 0; i < 200; i++) {
                    // A patient never appears without its observation: transactions are atomic to readers.
                    int patients =
                            store.search(Patient.class, SearchCriteria.ALL).size();
                    int observations =
                            store.search(Observation.class, SearchCriteria.ALL).size();
                    if (observations < patients) {
                        torn.incrementAndGet();
                    }
                }
                return null;
            });
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            reader.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(torn).hasValue(0);
        assertThat(store.search(Patient.class, SearchCriteria.ALL)).hasSize(writers * perWriter);
        assertThat(store.search(Observation.class, SearchCriteria.ALL)).hasSize(writers * perWriter);
    }

    @Test
    void concurrentVersionCheckedUpdatesLoseNothing() throws Exception {
        Observation counter = observation("c", "http://loinc.org", "1", "2024-01-01");
        counter.setValue(new org.hl7.fhir.r4.model.IntegerType(0));
        String id = store.create(counter).id();
        int threads = 4;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    int done = 0;
                    while (done < each) {
                        Observation o = store.read(Observation.class, id);
                        int v = ((org.hl7.fhir.r4.model.IntegerType) o.getValue()).getValue();
                        o.setValue(new org.hl7.fhir.r4.model.IntegerType(v + 1));
                        try {
                            store.update(o, o.getMeta().getVersionId());
                            done++;
                        } catch (ResourceVersionConflictException retry) {
                            // someone else won this round; read again
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Observation last = store.read(Observation.class, id);
        assertThat(((org.hl7.fhir.r4.model.IntegerType) last.getValue()).getValue())
                .isEqualTo(threads * each);
        assertThat(last.getMeta().getVersionId()).isEqualTo(Integer.toString(1 + threads * each));
    }

    private <T extends org.hl7.fhir.r4.model.Resource> int count(
            Class<T> type, String param, ca.uhn.fhir.model.api.IQueryParameterType value) {
        return store.search(type, SearchCriteria.builder().where(param, value).build())
                .size();
    }

    static Observation observation(String patientId, String system, String code, String when) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding(system, code, null));
        o.setSubject(new Reference("Patient/" + patientId));
        if (when != null) {
            o.setEffective(new DateTimeType(when));
        }
        return o;
    }
}
