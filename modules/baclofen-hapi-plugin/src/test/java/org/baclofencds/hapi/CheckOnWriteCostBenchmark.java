package org.baclofencds.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import org.baclofencds.testehr.launcher.JpaEhr;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What check-on-write adds to an ordinary write for a patient with no baclofen, measured as a comparison in one
 * server (a benchmark run by hand, never part of the build: {@code mvn -pl modules/baclofen-hapi-plugin -am
 * verify -Dtest=CheckOnWriteCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}).
 *
 * <p>The same Observation is created again and again, alternately for a patient who has five orders and no
 * baclofen (the interceptor runs its one search and reads the orders) and for a Group (the interceptor has no
 * patient and returns at once): same type, same indexing, the difference is the interceptor's cost. The median
 * of each is logged; nothing is asserted about time.
 */
class CheckOnWriteCostBenchmark {
    private static final Logger log = LoggerFactory.getLogger(CheckOnWriteCostBenchmark.class);
    private static final int WARM_UP = 50;
    private static final int ROUNDS = 200;

    @Test
    void writeCostForAPatientWithoutBaclofen() throws Exception {
        assumeTrue(System.getProperty("baclofen.plugin.jar") != null, "runs after package");
        try (JpaEhr server = JpaEhr.start(JpaEhr.Options.defaults()
                .withLoaderPath(Path.of(System.getProperty("baclofen.plugin.jar")))
                .withProperty("hapi.fhir.custom-bean-packages", "org.baclofencds.hapi")
                .withProperty("baclofen-cds.check-on-write", "true")
                .withBootTimeout(Duration.ofMinutes(15)))) {
            FhirContext ctx = FhirContext.forR4Cached();
            ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
            IGenericClient client = ctx.newRestfulGenericClient(server.baseUrl());

            client.update().resource(new Patient().setId("bench")).execute();
            client.update()
                    .resource(new Group()
                            .setActual(true)
                            .setType(Group.GroupType.PERSON)
                            .setId("bench"))
                    .execute();
            String[][] drugs = {
                {"1049621", "oxycodone hydrochloride 5 MG Oral Tablet"},
                {"197901", "lorazepam 1 MG Oral Tablet"},
                {"310965", "ibuprofen 200 MG Oral Tablet"},
                {"197361", "amlodipine 5 MG Oral Tablet"},
                {"860975", "metformin hydrochloride 500 MG Oral Tablet"}
            };
            for (int i = 0; i < drugs.length; i++) {
                MedicationRequest mr = new MedicationRequest();
                mr.setId("bench-" + i);
                mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
                mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
                mr.setSubject(new Reference("Patient/bench"));
                mr.setAuthoredOn(new Date());
                mr.setMedication(new CodeableConcept()
                        .addCoding(
                                new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", drugs[i][0], drugs[i][1])));
                client.update().resource(mr).execute();
            }

            long[] patient = new long[ROUNDS];
            long[] group = new long[ROUNDS];
            for (int i = -WARM_UP; i < ROUNDS; i++) {
                long p = time(client, "Patient/bench");
                long g = time(client, "Group/bench");
                if (i >= 0) {
                    patient[i] = p;
                    group[i] = g;
                }
            }
            double patientMs = median(patient) / 1e6;
            double groupMs = median(group) / 1e6;
            log.info(
                    "Observation create, median of {}: patient without baclofen {} ms, group (no check) {} ms,"
                            + " difference {} ms",
                    ROUNDS,
                    String.format("%.2f", patientMs),
                    String.format("%.2f", groupMs),
                    String.format("%.2f", patientMs - groupMs));
            assertThat(Files.readString(server.log())).doesNotContain("check-on-write failed");
        }
    }

    private static long time(IGenericClient client, String subject) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "29463-7", "Body weight")));
        o.setSubject(new Reference(subject));
        o.setEffective(new org.hl7.fhir.r4.model.DateTimeType(new Date()));
        o.setValue(new Quantity()
                .setValue(70)
                .setUnit("kg")
                .setSystem("http://unitsofmeasure.org")
                .setCode("kg"));
        long t0 = System.nanoTime();
        client.create().resource(o).execute();
        return System.nanoTime() - t0;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
