package org.baclofencds.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.PatientRecord;
import org.baclofencds.rules.RulesConfig;
import org.baclofencds.rules.SyntheticPatients;
import org.baclofencds.rules.checks.Checks;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine on a 30- and a 200-resource record, against HAPI's own cost of parsing that record and encoding
 * the alerts, measured in the same run (PERF-BASELINE.md: goals are ratios to the unavoidable work).
 *
 * <p>Run: {@code mvn -B -q package -pl modules/baclofen-benchmarks -am -DskipTests && java -jar
 * modules/baclofen-benchmarks/target/benchmarks.jar}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BaclofenEngineBenchmark {

    @Param({"30", "200"})
    int resources;

    private IParser parser;
    private BaclofenEngine engine;
    private String json;
    private Bundle parsed;
    private Bundle alerts;

    @Setup
    public void setUp() {
        FhirContext ctx = FhirContext.forR4();
        parser = ctx.newJsonParser();
        engine = new BaclofenEngine(Knowledge.loadFromClasspath(ctx), RulesConfig.defaults(), Checks.all());
        json = parser.encodeResourceToString(SyntheticPatients.record(resources));
        parsed = parser.parseResource(Bundle.class, json);
        alerts = toBundle(evaluate(parsed));
        if (alerts.getEntry().isEmpty()) {
            throw new IllegalStateException(
                    "The synthetic record raised no alert: the benchmark would measure nothing");
        }
    }

    /** Baseline: HAPI parses the record (the server does this for every request). */
    @Benchmark
    public Bundle baselineParseRecord() {
        return parser.parseResource(Bundle.class, json);
    }

    /** Baseline: HAPI encodes the alerts (the server does this for every response). */
    @Benchmark
    public String baselineEncodeAlerts() {
        return parser.encodeResourceToString(alerts);
    }

    /** Ours: build the record and run every check, on an already parsed Bundle. */
    @Benchmark
    public List<CommunicationRequest> engineEvaluate() {
        return evaluate(parsed);
    }

    /** The whole in-process operation: parse, check, encode. */
    @Benchmark
    public String parseEvaluateEncode() {
        return parser.encodeResourceToString(toBundle(evaluate(parser.parseResource(Bundle.class, json))));
    }

    private List<CommunicationRequest> evaluate(Bundle record) {
        return engine.evaluate(PatientRecord.fromBundle(record, List.of(), SyntheticPatients.EVALUATION), "bench");
    }

    private static Bundle toBundle(List<CommunicationRequest> crs) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        crs.forEach(cr -> b.addEntry().setResource(cr));
        return b;
    }
}
