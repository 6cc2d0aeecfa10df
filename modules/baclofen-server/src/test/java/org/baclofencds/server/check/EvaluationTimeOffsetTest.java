package org.baclofencds.server.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.RulesConfig;
import org.baclofencds.server.ExampleCorpus;
import org.baclofencds.server.app.BaclofenApplication;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

/** Alert texts show dates and times in the UTC offset the caller gave the evaluation time in (docs/api.md). */
class EvaluationTimeOffsetTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final Knowledge KNOWLEDGE = Knowledge.loadFromClasspath(CTX);

    @Test
    void theOffsetOfTheEvaluationTimeIsTheOneTheTextsUse() {
        DateTimeType eastern = new DateTimeType("2026-06-15T04:00:00-05:00");
        Instant at = BaclofenCheckOperationProvider.evaluationInstant(eastern, null);
        assertThat(at).isEqualTo(Instant.parse("2026-06-15T09:00:00Z"));
        assertThat(BaclofenCheckOperationProvider.offset(eastern, at)).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(BaclofenCheckOperationProvider.offset(new DateTimeType("2026-06-15T09:00:00Z"), at))
                .isEqualTo(ZoneOffset.UTC);
        assertThat(BaclofenCheckOperationProvider.offset(null, at)).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void aLabTimeReadsInTheEhrsLocalTime() throws IOException {
        Path file = ExampleCorpus.dir().resolve("35-new-start-20mg-cockcroft-gault-47.json");
        Bundle record = CTX.newJsonParser().parseResource(Bundle.class, Files.readString(file));
        BaclofenCheckService service = new BaclofenCheckService(
                BaclofenApplication.engine(KNOWLEDGE, RulesConfig.defaults()), new InMemoryPatientDataSource(CTX));
        Instant at = Instant.parse("2026-06-15T09:00:00Z");

        String utc = details(service.checkData(record, List.of(), at, ZoneOffset.UTC));
        String eastern = details(service.checkData(record, List.of(), at, ZoneOffset.ofHours(-5)));

        assertThat(utc).contains("2026-05-31 09:00 UTC");
        assertThat(eastern).contains("2026-05-31 04:00 UTC-05:00").doesNotContain("09:00 UTC");
    }

    private static String details(List<CommunicationRequest> alerts) {
        StringBuilder sb = new StringBuilder();
        for (CommunicationRequest cr : alerts) {
            sb.append(cr.getPayload().get(1).getContentStringType().getValue()).append('\n');
        }
        return sb.toString();
    }
}
