package org.baclofencds.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.baclofencds.server.check.BaclofenCheckService;

/**
 * The evaluation time of each example patient, from the {@code expected-alerts.json} index that sits in a folder
 * given to {@code --load}: the example's alerts hold at that instant, not "now". The chart page opens an
 * example's chart at it, and start-up runs the checks at it so the patient list shows each example's alerts.
 */
public final class ExampleTimes {
    /** The index file name the examples folder carries. */
    public static final String INDEX = "expected-alerts.json";

    private ExampleTimes() {}

    /**
     * Patient id → evaluation time, from the index of every loaded folder that has one (and its sub-folders'
     * indexes are ignored: only top-level example patients are stored by id).
     *
     * @throws IllegalArgumentException naming the index when it cannot be read or carries a bad time
     */
    public static Map<String, Instant> read(List<Path> loaded) {
        Map<String, Instant> times = new TreeMap<>();
        for (Path path : loaded) {
            Path index = path.resolve(INDEX);
            if (!Files.isDirectory(path) || !Files.isRegularFile(index)) {
                continue;
            }
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(index.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + index + ": " + e.getMessage(), e);
            }
            for (JsonNode example : root.path("examples")) {
                String patient = example.path("patientId").asText("");
                String time = example.path("evaluationTime").asText("");
                if (patient.isEmpty() || time.isEmpty()) {
                    continue;
                }
                try {
                    times.put(patient, Instant.parse(time));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            index + ": evaluationTime of " + patient + " is not an instant: " + time, e);
                }
            }
        }
        return times;
    }

    /**
     * Runs and stores the checks of every example patient at its evaluation time, as an EHR's patient-view hook
     * would when the chart opens. Patients that are not in the store are skipped.
     *
     * @return the number of active alerts stored
     */
    public static int persistAlerts(BaclofenCheckService checks, Map<String, Instant> times) {
        int alerts = 0;
        for (Map.Entry<String, Instant> e : times.entrySet()) {
            try {
                alerts += checks.checkPatient(e.getKey(), List.of(), e.getValue(), true)
                        .size();
            } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException notLoaded) {
                // listed in the index but not loaded (e.g. only some files were given): nothing to show
            }
        }
        return alerts;
    }

    /** The times as a JSON object, for the page. */
    static byte[] json(Map<String, Instant> times) {
        ObjectMapper mapper = new ObjectMapper();
        var node = mapper.createObjectNode();
        times.forEach((patient, time) -> node.put(patient, time.toString()));
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
