package org.baclofencds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The example corpus of {@code examples/} with its index {@code expected-alerts.json}, for the server tests. */
public final class ExampleCorpus {
    private ExampleCorpus() {}

    /** One example: its file, patient, fixed evaluation time and exact expected alert codes. */
    public record Example(String file, String patientId, String evaluationTime, List<String> expectedAlerts) {
        /** The example's transaction Bundle as JSON. */
        public String json() {
            try {
                return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** The examples folder (set by surefire from the root pom). */
    public static Path dir() {
        return Path.of(System.getProperty("baclofen.examples.dir", "../../examples"));
    }

    /** Every example of the index, in index order. */
    public static Stream<Example> examples() throws IOException {
        JsonNode index = new ObjectMapper()
                .readTree(dir().resolve("expected-alerts.json").toFile());
        List<Example> out = new ArrayList<>();
        for (JsonNode e : index.get("examples")) {
            List<String> codes = new ArrayList<>();
            e.get("expectedAlerts").forEach(c -> codes.add(c.asText()));
            out.add(new Example(
                    e.get("file").asText(),
                    e.get("patientId").asText(),
                    e.get("evaluationTime").asText(),
                    codes));
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(20);
        return out.stream();
    }
}
