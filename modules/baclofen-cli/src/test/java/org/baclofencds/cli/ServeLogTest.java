package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator reads on standard error: a caller's mistake is answered, not logged as an error. */
class ServeLogTest {

    @Test
    void callerMistakesAreAnsweredWithoutErrorLinesAndTheWarmUpIsReported(@TempDir Path tmp) throws Exception {
        try (ServeProcess serve = ServeProcess.start(tmp.resolve("serve.log"), "--port", "0", "--in-memory")) {
            assertThat(serve.get("/fhir/Patient?_count=-1").statusCode()).isEqualTo(400);
            assertThat(serve.send(
                                    "POST",
                                    "/fhir/$baclofen-check",
                                    "application/fhir+json",
                                    "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"evaluationTime\","
                                            + "\"valueDateTime\":\"2026-06-15\"}]}")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(serve.send(
                                    "POST",
                                    "/fhir/$baclofen-summary",
                                    "application/fhir+json",
                                    "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}")
                            .statusCode())
                    .isEqualTo(400);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!serve.output().contains("JIT warm-up: 3000 analyses") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String log = serve.output();
            assertThat(log).contains("JIT warm-up: 3000 analyses of a synthetic record");
            assertThat(log).doesNotContain(" ERROR ", "Exception thrown by interceptor", "\tat ");
        }
    }
}
