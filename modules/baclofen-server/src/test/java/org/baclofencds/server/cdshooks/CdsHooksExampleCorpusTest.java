package org.baclofencds.server.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ExampleCorpus;
import org.baclofencds.server.ExampleCorpus.Example;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of {@code examples/expected-alerts.json} through CDS Hooks over real HTTP: as order-sign with every
 * prefetch key filled, and as patient-view with no prefetch, the service fetching the record from a second real
 * server (the "EHR") that holds the example loaded by transaction. Both give one card per expected alert, and every
 * card keeps the spec's rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsHooksExampleCorpusTest {

    private CdsServer cds;
    private BaclofenServer ehr;

    @BeforeAll
    void start() {
        cds = new CdsServer(CdsHooksConfig.defaults());
        ehr = CdsServer.ehr(new InMemoryPatientDataSource(CdsServer.CTX));
    }

    @AfterAll
    void stop() {
        cds.close();
        ehr.stop();
    }

    static Stream<Example> examples() throws IOException {
        return ExampleCorpus.examples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void orderSignWithPrefetchGivesTheExpectedCards(Example example) {
        String body = CdsRequests.orderSign(example.file(), example.patientId(), example.evaluationTime())
                .toString();
        HttpResponse<String> response = cds.post("/cds-services/baclofen-order-sign", body, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = CdsServer.tree(response.body());
        assertCardsKeepTheSpec(answer);
        assertThat(codes(answer)).as(response.body()).isEqualTo(new TreeSet<>(example.expectedAlerts()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void patientViewFetchesTheRecordFromFhirServerAndGivesTheExpectedCards(Example example) {
        ehr.dataSource().transaction(CdsRequests.example(example.file()));
        String body = CdsRequests.patientView(example.patientId(), example.evaluationTime(), ehr.baseUrl())
                .toString();
        HttpResponse<String> response = cds.post("/cds-services/baclofen-patient-view", body, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = CdsServer.tree(response.body());
        assertCardsKeepTheSpec(answer);
        assertThat(codes(answer)).as(response.body()).isEqualTo(new TreeSet<>(example.expectedAlerts()));
        assertThat(answer.findValues("suggestions"))
                .as("patient-view changes no order")
                .isEmpty();
    }

    static Set<String> codes(JsonNode answer) {
        Set<String> codes = new TreeSet<>();
        answer.get("cards").forEach(c -> codes.add(c.at("/source/topic/code").asText()));
        return codes;
    }

    /** CDS Hooks 2.0 card rules (STANDARDS.md §1.5) and the JSON rule: no null, "", [] or {} anywhere. */
    static void assertCardsKeepTheSpec(JsonNode answer) {
        assertThat(answer.has("cards")).isTrue();
        assertThat(answer.get("cards").isArray()).isTrue();
        for (JsonNode card : answer.get("cards")) {
            assertNoEmptyValues(card, "card");
            assertThat(UUID.fromString(card.get("uuid").asText())).isNotNull();
            assertThat(card.get("summary").asText()).isNotBlank().hasSizeLessThan(140);
            assertThat(card.get("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.at("/source/label").asText()).isNotBlank();
            assertThat(card.at("/source/topic/system").asText()).isEqualTo(KnowledgeUrls.ALERT_CODE_SYSTEM);
            assertThat(card.get("detail").asText()).isNotBlank();
            assertThat(card.get("overrideReasons")).isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("system").asText()).isEqualTo(KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM);
                assertThat(r.get("code").asText()).isNotBlank();
                assertThat(r.get("display").asText()).isNotBlank();
            });
            if (card.has("suggestions")) {
                assertThat(card.get("selectionBehavior").asText()).isIn("at-most-one", "any");
                for (JsonNode s : card.get("suggestions")) {
                    assertThat(s.get("label").asText()).isNotBlank();
                    assertThat(UUID.fromString(s.get("uuid").asText())).isNotNull();
                    for (JsonNode a : s.get("actions")) {
                        assertThat(a.get("type").asText()).isIn("create", "update", "delete");
                        assertThat(a.get("description").asText()).isNotBlank();
                    }
                }
            } else {
                assertThat(card.has("selectionBehavior")).isFalse();
            }
            if (card.has("links")) {
                assertThat(card.get("links")).allSatisfy(l -> {
                    assertThat(l.get("label").asText()).isNotBlank();
                    assertThat(l.get("url").asText()).startsWith("http");
                    assertThat(l.get("type").asText()).isIn("absolute", "smart");
                });
            }
        }
    }

    static void assertNoEmptyValues(JsonNode node, String where) {
        assertThat(node.isNull()).as(where + " is null").isFalse();
        if (node.isTextual()) {
            assertThat(node.asText()).as(where + " is empty").isNotEmpty();
        } else if (node.isContainerNode()) {
            assertThat(node.size()).as(where + " is empty").isPositive();
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    assertNoEmptyValues(e.getValue(), where + "." + e.getKey());
                }
            } else {
                int i = 0;
                for (JsonNode n : node) {
                    assertNoEmptyValues(n, where + "[" + i++ + "]");
                }
            }
        }
    }
}
