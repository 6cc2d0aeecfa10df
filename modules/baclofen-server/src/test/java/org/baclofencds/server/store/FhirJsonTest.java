package org.baclofencds.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FhirJsonTest {

    @Test
    void aTopLevelResourceTypeMakesAFhirResource() {
        assertThat(FhirJson.isResource("{\"id\":\"x\",\"meta\":{\"a\":[1,2]},\"resourceType\":\"Patient\"}"))
                .isTrue();
    }

    @Test
    void aCdsHooksRequestWithFhirInsideIsNotAResource() {
        assertThat(FhirJson.isResource("{\"hook\":\"order-sign\",\"hookInstance\":\"1\",\"context\":{\"draftOrders\":"
                        + "{\"resourceType\":\"Bundle\"}},\"prefetch\":{\"patient\":{\"resourceType\":\"Patient\"}}}"))
                .isFalse();
        assertThat(FhirJson.isResource("{\"examples\":[]}")).isFalse();
    }

    @Test
    void malformedJsonIsLeftToTheFhirParserToReport() {
        assertThat(FhirJson.isResource("{ this is not json")).isTrue();
        assertThat(FhirJson.isResource("[1,2]")).isTrue();
    }

    @Test
    void anOperationsParametersBodyIsNotDataToStore() {
        assertThat(FhirJson.isData("{\"resourceType\":\"Parameters\",\"parameter\":[]}"))
                .isFalse();
        assertThat(FhirJson.isData("{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}"))
                .isTrue();
        assertThat(FhirJson.isData("{\"examples\":[]}")).isFalse();
        assertThat(FhirJson.isData("{ this is not json")).isTrue();
    }
}
