package org.baclofencds.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ExampleCorpus;
import org.baclofencds.server.ExampleCorpus.Example;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;
import org.baclofencds.server.check.BaclofenCheckOperationProvider;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.baclofencds.server.store.PatientDataSource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two real servers on free loopback ports: one plays the EHR (the embedded store, loaded with every example),
 * the other runs in remote-EHR mode against it, reading records and writing alerts through the EHR's FHIR API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteEhrEndToEndTest {

    private final FhirContext ctx = FhirContext.forR4Cached();
    private Knowledge knowledge;
    private BaclofenServer ehr;
    private BaclofenServer cds;
    private IGenericClient ehrClient;
    private IGenericClient cdsClient;

    @BeforeAll
    void start() throws IOException {
        knowledge = Knowledge.loadFromClasspath(ctx);
        ehr = startServer(new InMemoryPatientDataSource(ctx));
        ehrClient = client(ehr.baseUrl());
        for (Example e : examples().toList()) {
            String json = Files.readString(ExampleCorpus.dir().resolve(e.file()), StandardCharsets.UTF_8);
            ehrClient
                    .transaction()
                    .withBundle(ctx.newJsonParser().parseResource(Bundle.class, json))
                    .execute();
        }
        cds = startServer(new RemotePatientDataSource(ctx, knowledge, new EhrConfig(ehr.baseUrl(), null, null)));
        cdsClient = client(cds.baseUrl());
    }

    @AfterAll
    void stop() {
        if (cds != null) {
            cds.stop();
        }
        if (ehr != null) {
            ehr.stop();
        }
    }

    private BaclofenServer startServer(PatientDataSource data) {
        return BaclofenApplication.builder(ctx, knowledge)
                .server(ServerConfig.defaults().withPort(0))
                .dataSource(data)
                .start()
                .server();
    }

    private IGenericClient client(String base) {
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return ctx.newRestfulGenericClient(base);
    }

    static Stream<Example> examples() throws IOException {
        return ExampleCorpus.examples();
    }

    private Bundle check(IGenericClient client, String patientId, String evaluationTime, boolean persist) {
        Parameters in = new Parameters();
        in.addParameter().setName("evaluationTime").setValue(new DateTimeType(evaluationTime));
        if (persist) {
            in.addParameter().setName("persist").setValue(new BooleanType(true));
        }
        return client.operation()
                .onInstance("Patient/" + patientId)
                .named(BaclofenCheckOperationProvider.OPERATION)
                .withParameters(in)
                .returnResourceType(Bundle.class)
                .execute();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void remoteModeGivesEachExampleItsExpectedAlertsAndTheSameAsTheEhrItself(Example example) {
        Bundle remote = check(cdsClient, example.patientId(), example.evaluationTime(), false);
        Bundle local = check(ehrClient, example.patientId(), example.evaluationTime(), false);

        assertThat(codes(remote)).isEqualTo(new TreeSet<>(example.expectedAlerts()));
        assertThat(identifiers(remote)).isEqualTo(identifiers(local));
    }

    @Test
    void persistingTwiceWritesEachAlertOnceIntoTheEhr() throws IOException {
        Example example = examples()
                .filter(e -> e.expectedAlerts().size() >= 2)
                .findFirst()
                .orElseThrow();

        Bundle first = check(cdsClient, example.patientId(), example.evaluationTime(), true);
        Bundle second = check(cdsClient, example.patientId(), example.evaluationTime(), true);

        List<CommunicationRequest> inEhr = storedAlerts(example.patientId());
        assertThat(inEhr).hasSize(first.getEntry().size());
        assertThat(inEhr).allMatch(cr -> cr.getStatus() == CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        assertThat(identifiers(inEhr)).isEqualTo(identifiers(first)).isEqualTo(identifiers(second));
        // The persisted alerts carry the EHR's ids: the same resources both times.
        assertThat(ids(second)).isEqualTo(ids(first)).allMatch(id -> !id.startsWith("urn:"));
    }

    @Test
    void alertsThatNoLongerApplyAreRevokedInTheEhr() {
        // A patient of our own, so no other test's data is touched: an opioid with baclofen, then the opioid stops.
        Patient patient = new Patient();
        patient.setId("remote-revoke");
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1970-01-01"));
        ehrClient.update().resource(patient).execute();
        MedicationRequest baclofen = order("remote-revoke-baclofen", "baclofen 10 mg oral tablet", "197391");
        MedicationRequest opioid = order("remote-revoke-opioid", "oxycodone 5 mg oral tablet", "1049621");
        ehrClient.update().resource(baclofen).execute();
        ehrClient.update().resource(opioid).execute();
        String at = "2026-06-15T09:00:00Z";

        Bundle before = check(cdsClient, "remote-revoke", at, true);
        assertThat(codes(before)).contains("interaction-opioid");

        opioid.setStatus(MedicationRequest.MedicationRequestStatus.CANCELLED);
        ehrClient.update().resource(opioid).execute();
        Bundle after = check(cdsClient, "remote-revoke", at, true);

        assertThat(codes(after)).doesNotContain("interaction-opioid");
        List<CommunicationRequest> inEhr = storedAlerts("remote-revoke");
        assertThat(inEhr)
                .filteredOn(cr -> "interaction-opioid"
                        .equals(cr.getReasonCodeFirstRep().getCodingFirstRep().getCode()))
                .singleElement()
                .extracting(CommunicationRequest::getStatus)
                .isEqualTo(CommunicationRequest.CommunicationRequestStatus.REVOKED);
    }

    private static MedicationRequest order(String id, String text, String rxnorm) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.getSubject().setReference("Patient/remote-revoke");
        mr.getMedicationCodeableConcept()
                .setText(text)
                .addCoding()
                .setSystem(KnowledgeUrls.RXNORM)
                .setCode(rxnorm);
        mr.setAuthoredOnElement(new DateTimeType("2026-01-10"));
        mr.addDosageInstruction().setText("one tablet three times a day");
        return mr;
    }

    @Test
    void theFhirApiOfTheRemoteInstanceReadsAndSearchesTheEhr() {
        Patient viaCds = cdsClient.read().resource(Patient.class).withId("ex01").execute();
        Patient inEhr = ehrClient.read().resource(Patient.class).withId("ex01").execute();
        assertThat(viaCds.getBirthDate()).isEqualTo(inEhr.getBirthDate());
        assertThat(viaCds.getMeta().getVersionId()).isEqualTo(inEhr.getMeta().getVersionId());

        Bundle orders = cdsClient
                .search()
                .forResource(MedicationRequest.class)
                .where(MedicationRequest.PATIENT.hasId("Patient/ex01"))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(orders.getEntry()).isNotEmpty().allMatch(e -> ((MedicationRequest) e.getResource())
                .getSubject()
                .getReference()
                .equals("Patient/ex01"));
    }

    @Test
    void anUnknownPatientIsA404NamingTheEhrRequest() {
        assertThatThrownBy(() -> check(cdsClient, "no-such-patient", "2026-06-15T09:00:00Z", false))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("GET Patient/no-such-patient");
    }

    @Test
    void anEhrThatIsDownGivesA502NamingTheRequest() throws IOException {
        // Port 1 (tcpmux): privileged, so nothing of ours listens there, and outside the ephemeral range, so the
        // kernel cannot pick it as our own source port and connect the client to itself (a free ephemeral port
        // closed again allowed that once: the request then waited for itself and timed out, a 504).
        int port = 1;
        try (BaclofenServer down = startServer(new RemotePatientDataSource(
                ctx,
                knowledge,
                new EhrConfig("http://127.0.0.1:" + port + "/fhir", "secret-token", Duration.ofSeconds(5))))) {
            BaseServerResponseException e = failure(client(down.baseUrl()));
            assertThat(e.getStatusCode()).isEqualTo(502);
            assertThat(diagnostics(e))
                    .contains("could not be reached")
                    .contains("GET Patient/p1")
                    .doesNotContain("secret-token")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void anEhrThatIsTooSlowGivesA504NamingTheRequest() throws IOException {
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/", exchange -> {
            try {
                Thread.sleep(3_000);
                exchange.sendResponseHeaders(500, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        try (BaclofenServer late = startServer(new RemotePatientDataSource(
                ctx,
                knowledge,
                new EhrConfig(
                        "http://127.0.0.1:" + slow.getAddress().getPort() + "/fhir", null, Duration.ofSeconds(1))))) {
            BaseServerResponseException e = failure(client(late.baseUrl()));
            assertThat(e.getStatusCode()).isEqualTo(504);
            assertThat(diagnostics(e)).contains("did not answer GET Patient/p1 within 1 s");
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void anEhrAnswering500GivesA502WithoutTheEhrsInternals() throws IOException {
        HttpServer broken = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/", exchange -> {
            byte[] body = "java.lang.IllegalStateException: db password wrong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        broken.start();
        try (BaclofenServer cdsOnBroken = startServer(new RemotePatientDataSource(
                ctx,
                knowledge,
                new EhrConfig("http://127.0.0.1:" + broken.getAddress().getPort() + "/fhir", null, null)))) {
            BaseServerResponseException e = failure(client(cdsOnBroken.baseUrl()));
            assertThat(e.getStatusCode()).isEqualTo(502);
            assertThat(diagnostics(e))
                    .contains("answered 500 to GET Patient/p1")
                    .doesNotContain("password");
        } finally {
            broken.stop(0);
        }
    }

    private static BaseServerResponseException failure(IGenericClient client) {
        Parameters in = new Parameters();
        in.addParameter().setName("evaluationTime").setValue(new DateTimeType("2026-06-15T09:00:00Z"));
        try {
            client.operation()
                    .onInstance("Patient/p1")
                    .named(BaclofenCheckOperationProvider.OPERATION)
                    .withParameters(in)
                    .returnResourceType(Bundle.class)
                    .execute();
        } catch (BaseServerResponseException e) {
            return e;
        }
        throw new AssertionError("the check succeeded");
    }

    private static String diagnostics(BaseServerResponseException e) {
        assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
        return ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics();
    }

    private List<CommunicationRequest> storedAlerts(String patientId) {
        Bundle page = ehrClient
                .search()
                .forResource(CommunicationRequest.class)
                .where(CommunicationRequest.SUBJECT.hasId("Patient/" + patientId))
                .returnBundle(Bundle.class)
                .execute();
        List<CommunicationRequest> out = new ArrayList<>();
        while (true) {
            page.getEntry().forEach(e -> out.add((CommunicationRequest) e.getResource()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return out;
            }
            page = ehrClient.loadPage().next(page).execute();
        }
    }

    private static Set<String> codes(Bundle alerts) {
        Set<String> codes = new TreeSet<>();
        alerts.getEntry()
                .forEach(e -> codes.add(((CommunicationRequest) e.getResource())
                        .getReasonCodeFirstRep()
                        .getCodingFirstRep()
                        .getCode()));
        return codes;
    }

    private static Set<String> identifiers(Bundle alerts) {
        return identifiers(alerts.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .toList());
    }

    private static Set<String> identifiers(List<CommunicationRequest> alerts) {
        Set<String> ids = new TreeSet<>();
        alerts.forEach(cr -> ids.add(cr.getIdentifierFirstRep().getValue()));
        return ids;
    }

    private static Set<String> ids(Bundle alerts) {
        Set<String> ids = new TreeSet<>();
        alerts.getEntry().forEach(e -> ids.add(e.getFullUrl()));
        return ids;
    }
}
