package org.baclofencds.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store kept in a data directory: what was acknowledged is there after reopening, with its FHIR semantics. */
class DurableStoreTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    @TempDir
    Path dir;

    private static InMemoryPatientDataSource open(DataDirectory d) {
        return new InMemoryPatientDataSource(CTX, Clock.systemUTC(), d);
    }

    private static Patient patient(String id, String family) {
        Patient p = new Patient();
        p.setId(id);
        p.addName().setFamily(family);
        p.setGender(AdministrativeGender.FEMALE);
        return p;
    }

    @Test
    void versionsHistoryDeletionsAndSearchOrderSurviveReopening() {
        String createdId;
        try (DataDirectory d = DataDirectory.open(dir)) {
            InMemoryPatientDataSource store = open(d);
            store.update(patient("b", "Second"));
            store.update(patient("a", "First"));
            store.update(patient("a", "First-renamed"));
            createdId = store.create(patient(null, "Created")).id();
            store.update(patient("gone", "Deleted"));
            store.delete("Patient", "gone", null);
        }
        try (DataDirectory d = DataDirectory.open(dir)) {
            InMemoryPatientDataSource store = open(d);
            assertThat(store.restoredVersions()).isEqualTo(6);
            assertThat(store.read(Patient.class, "a").getNameFirstRep().getFamily())
                    .isEqualTo("First-renamed");
            assertThat(store.read(Patient.class, "a").getMeta().getVersionId()).isEqualTo("2");
            assertThat(store.vread(Patient.class, "a", "1").getNameFirstRep().getFamily())
                    .isEqualTo("First");
            assertThat(store.read(Patient.class, createdId).getNameFirstRep().getFamily())
                    .isEqualTo("Created");
            assertThatThrownBy(() -> store.read(Patient.class, "gone")).isInstanceOf(ResourceGoneException.class);
            assertThat(store.search(Patient.class, SearchCriteria.builder().build()).stream()
                            .map(p -> p.getIdElement().getIdPart())
                            .toList())
                    .containsExactly("b", "a", createdId);
            // The next version continues the history, and If-Match still guards it.
            assertThatThrownBy(() -> store.update(patient("a", "Stale"), "1"))
                    .isInstanceOf(ResourceVersionConflictException.class);
            assertThat(store.update(patient("a", "Third"), "2").versionId()).isEqualTo("3");
        }
        try (DataDirectory d = DataDirectory.open(dir)) {
            assertThat(open(d).read(Patient.class, "a").getMeta().getVersionId())
                    .isEqualTo("3");
        }
    }

    @Test
    void sameContentAgainWritesNoVersion() {
        try (DataDirectory d = DataDirectory.open(dir)) {
            open(d).update(patient("p", "Same"));
        }
        try (DataDirectory d = DataDirectory.open(dir)) {
            InMemoryPatientDataSource store = open(d);
            assertThat(store.update(patient("p", "Same")).versionId()).isEqualTo("1");
        }
        try (DataDirectory d = DataDirectory.open(dir)) {
            assertThat(open(d).restoredVersions()).isEqualTo(1);
        }
    }

    @Test
    void aFailedTransactionLeavesNothingInTheFileAndConditionalCreatesHoldAfterReopening() {
        String system = "http://example.org/alert";
        try (DataDirectory d = DataDirectory.open(dir)) {
            InMemoryPatientDataSource store = open(d);
            Bundle bad = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            bad.addEntry()
                    .setResource(patient("tx1", "Kept?"))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("Patient/tx1");
            bad.addEntry()
                    .setResource(patient("tx2", "Never"))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("Patient/tx2")
                    .setIfMatch("W/\"7\"");
            assertThatThrownBy(() -> store.transaction(bad)).isInstanceOf(ResourceVersionConflictException.class);

            Observation o = new Observation();
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.getCode().setText("weight");
            o.setSubject(new Reference("Patient/x"));
            o.addIdentifier(new Identifier().setSystem(system).setValue("1"));
            assertThat(store.create(o, "identifier=" + system + "|1").created()).isTrue();
        }
        try (DataDirectory d = DataDirectory.open(dir)) {
            InMemoryPatientDataSource store = open(d);
            assertThat(store.restoredVersions()).isEqualTo(1);
            Observation again = new Observation();
            again.setStatus(Observation.ObservationStatus.FINAL);
            again.getCode().setText("weight");
            WriteOutcome out = store.create(again, "identifier=" + system + "|1");
            assertThat(out.created()).isFalse();
            assertThat(store.search(
                            Observation.class,
                            SearchCriteria.builder()
                                    .where("identifier", new TokenParam(system, "1"))
                                    .build()))
                    .hasSize(1);
        }
    }

    @Test
    void aSecondProcessOnTheSameDirectoryIsRefused() {
        try (DataDirectory d = DataDirectory.open(dir)) {
            assertThatThrownBy(() -> DataDirectory.open(dir))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("in use by another baclofen-cds process");
        }
        DataDirectory.open(dir).close(); // released on close
    }

    @Test
    void aTruncatedDataFileIsReportedNotServed() throws Exception {
        try (DataDirectory d = DataDirectory.open(dir)) {
            InMemoryPatientDataSource store = open(d);
            for (int i = 0; i < 200; i++) {
                store.update(patient("p" + i, "Family name number " + i + " ".repeat(200)));
            }
        }
        Path file = dir.resolve(DataDirectory.DATABASE_FILE);
        long size = Files.size(file);
        assertThat(size).isGreaterThan(40_000);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size / 2);
        }
        assertThatThrownBy(() -> DataDirectory.open(dir))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("damaged");
    }

    @Test
    void aDataFileTruncatedToNothingIsReportedNotServedEmpty() throws Exception {
        DataDirectory.open(dir).close();
        Files.write(dir.resolve(DataDirectory.DATABASE_FILE), new byte[0]);
        assertThatThrownBy(() -> DataDirectory.open(dir))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("holds no baclofen-cds data");
    }

    @Test
    void notADatabaseIsReported() throws Exception {
        Files.writeString(dir.resolve(DataDirectory.DATABASE_FILE), "{\"resourceType\":\"Patient\"}".repeat(200));
        assertThatThrownBy(() -> DataDirectory.open(dir))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void theReplayCacheRemembersJwtIdsUntilTheyExpireAcrossReopening() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try (DataDirectory d = DataDirectory.open(dir)) {
            assertThat(d.firstUse("iss\njti-1", now.plusSeconds(300), now)).isTrue();
            assertThat(d.firstUse("iss\njti-1", now.plusSeconds(300), now)).isFalse();
            assertThat(d.firstUse("iss\njti-old", now.plusSeconds(10), now)).isTrue();
        }
        try (DataDirectory d = DataDirectory.open(dir)) {
            assertThat(d.firstUse("iss\njti-1", now.plusSeconds(300), now.plusSeconds(60)))
                    .isFalse();
            // Past its expiry an id may be forgotten (the token it came with is refused as expired anyway).
            assertThat(d.firstUse("iss\njti-old", now.plusSeconds(400), now.plusSeconds(60)))
                    .isTrue();
            assertThat(d.replayCacheSize()).isEqualTo(2);
        }
    }

    @Test
    void aWrongResourceTypeInTheFileIsNotSilentlyDropped() {
        try (DataDirectory d = DataDirectory.open(dir)) {
            d.append(List.of(new DataDirectory.StoredVersion("Basic", "x", 1, 0, "{\"resourceType\":\"Basic\"}")));
        }
        try (DataDirectory d = DataDirectory.open(dir)) {
            assertThatThrownBy(() -> open(d))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("Basic/x");
        }
    }

    @Test
    void badInputIsStillA4xxAndWritesNothing() {
        try (DataDirectory d = DataDirectory.open(dir)) {
            InMemoryPatientDataSource store = open(d);
            assertThatThrownBy(() -> store.update(patient("bad id!", "x"))).isInstanceOf(InvalidRequestException.class);
        }
        try (DataDirectory d = DataDirectory.open(dir)) {
            assertThat(open(d).restoredVersions()).isZero();
        }
    }
}
