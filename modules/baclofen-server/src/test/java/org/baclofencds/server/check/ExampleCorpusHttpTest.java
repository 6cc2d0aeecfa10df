package org.baclofencds.server.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.baclofencds.server.ExampleCorpus;
import org.baclofencds.server.ExampleCorpus.Example;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of {@code examples/expected-alerts.json} over real HTTP, at both levels of $baclofen-check:
 * the system level with the example as {@code data}, and the instance level after loading it by transaction.
 * Both must give exactly the expected codes, and the same alerts (same identifiers) as each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleCorpusHttpTest {

    private CheckServer server;

    @BeforeAll
    void start() {
        server = new CheckServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Example> examples() throws IOException {
        return ExampleCorpus.examples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void bothLevelsGiveExactlyTheExpectedAlerts(Example example) throws IOException {
        String json = Files.readString(ExampleCorpus.dir().resolve(example.file()), StandardCharsets.UTF_8);
        Bundle transaction = server.ctx.newJsonParser().parseResource(Bundle.class, json);

        // System level: the record travels in the request; nothing is stored.
        Bundle record = transaction.copy().setType(Bundle.BundleType.COLLECTION);
        record.getEntry().forEach(e -> e.setRequest(null));
        Parameters in = new Parameters();
        in.addParameter().setName("data").setResource(record);
        in.addParameter().setName("evaluationTime").setValue(new DateTimeType(example.evaluationTime()));
        Bundle stateless = server.client
                .operation()
                .onServer()
                .named(BaclofenCheckOperationProvider.OPERATION)
                .withParameters(in)
                .returnResourceType(Bundle.class)
                .execute();

        // Instance level: load the example, then check the stored record.
        server.client.transaction().withBundle(transaction).execute();
        Parameters at = new Parameters();
        at.addParameter().setName("evaluationTime").setValue(new DateTimeType(example.evaluationTime()));
        Bundle stored = server.client
                .operation()
                .onInstance("Patient/" + example.patientId())
                .named(BaclofenCheckOperationProvider.OPERATION)
                .withParameters(at)
                .returnResourceType(Bundle.class)
                .execute();

        Set<String> expected = new TreeSet<>(example.expectedAlerts());
        assertThat(codes(stateless)).as(describe("system level", stateless)).isEqualTo(expected);
        assertThat(codes(stored)).as(describe("instance level", stored)).isEqualTo(expected);
        assertThat(identifiers(stored)).isEqualTo(identifiers(stateless));
    }

    private static Set<String> codes(Bundle alerts) {
        Set<String> codes = new TreeSet<>();
        for (CommunicationRequest cr : alerts(alerts)) {
            codes.add(cr.getReasonCodeFirstRep().getCodingFirstRep().getCode());
        }
        return codes;
    }

    private static Set<String> identifiers(Bundle alerts) {
        Set<String> ids = new TreeSet<>();
        for (CommunicationRequest cr : alerts(alerts)) {
            ids.add(cr.getIdentifierFirstRep().getValue());
        }
        return ids;
    }

    private static List<CommunicationRequest> alerts(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .toList();
    }

    private static String describe(String level, Bundle alerts) {
        StringBuilder s = new StringBuilder(level + " alerts:");
        for (CommunicationRequest cr : alerts(alerts)) {
            s.append("\n  ")
                    .append(cr.getReasonCodeFirstRep().getCodingFirstRep().getCode())
                    .append(": ")
                    .append(cr.getPayloadFirstRep().getContentStringType().getValue());
        }
        return s.toString();
    }
}
