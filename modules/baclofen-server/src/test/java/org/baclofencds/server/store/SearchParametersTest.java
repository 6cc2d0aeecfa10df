package org.baclofencds.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Search URLs as transaction entries and prefetch templates write them, read with HAPI's query-string parsing. */
class SearchParametersTest {
    private static final FhirContext CTX = FhirContext.forR4Cached();

    private static Observation obs(String patient, String system, String code) {
        Observation o = new Observation();
        o.setSubject(new Reference("Patient/" + patient));
        o.setCode(new CodeableConcept(new Coding(system, code, null)));
        return o;
    }

    private static boolean matches(Observation o, String query) {
        return SearchParameters.matches(o, SearchParameters.parse(CTX, "Observation", query));
    }

    @Test
    void aRepeatedNameIsAndCommasAreOrAndAnEscapedCommaIsText() {
        Observation o = obs("1", "http://loinc.org", "2160-0");
        assertThat(matches(o, "Observation?patient=Patient/1&code=http://loinc.org|2160-0"))
                .isTrue();
        assertThat(matches(o, "patient=Patient%2F1&code=9999-9,2160-0")).isTrue();
        assertThat(matches(o, "code=2160-0&code=9999-9")).isFalse();
        assertThat(matches(obs("1", null, "a,b"), "code=a\\,b")).isTrue();
        assertThat(matches(obs("1", null, "a,b"), "code=a,b")).isFalse();
        assertThat(matches(o, "patient=Patient/2")).isFalse();
        assertThat(matches(o, "code=2160-0&_count=5")).isTrue();
    }

    @Test
    void malformedQueriesAre400() {
        for (String bad : new String[] {"code", "code=", "=2160-0", "code=%ZZ", "unknown=1", "date=yesterday"}) {
            assertThatThrownBy(() -> SearchParameters.parse(CTX, "Observation", bad))
                    .as(bad)
                    .isInstanceOf(InvalidRequestException.class);
        }
    }
}
