package org.baclofencds.benchmarks.http;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.baclofencds.rules.SyntheticPatients;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * The HTTP benchmark: in one run, a bare HAPI {@code RestfulServer} operation ({@link EchoServer}: parse the record,
 * encode five fixed alerts) and baclofen-cds ({@link OurServer}), each in its own JVM on loopback, driven with the
 * same {@code $baclofen-check} bodies at 1, 8 and 32 connections for 30, 100 and 200-resource records, the two
 * servers interleaved cell by cell, once both have been warmed up by request count and have gone quiet (the JIT
 * compiling no more). Reports throughput, the server process's CPU time per request (all its threads,
 * GC and JIT included, from {@code ProcessHandle.Info.totalCpuDuration}), p50 and p99, and our/echo ratios.
 *
 * <pre>
 * java -cp modules/baclofen-benchmarks/target/benchmarks.jar org.baclofencds.benchmarks.http.HttpBenchmark \
 *     [seconds per cell, default 10] [warm-up seconds, default 60] [warm-up requests, default 12000]
 * </pre>
 *
 * {@code -Dbench.sizes=30 -Dbench.connections=8} narrow the run; {@code -Dbench.serverJvm="..."} adds options to both
 * server JVMs (a JFR recording, a GC choice); {@code {server}} in them becomes the server's name.
 *
 * The load generator is this JVM (java.net.http, one blocking request at a time per connection), bounded in time
 * and in count, and shares the machine's cores with the servers.
 */
public final class HttpBenchmark {
    static final int[] SIZES = ints("bench.sizes", "30,100,200");
    static final int[] CONNECTIONS = ints("bench.connections", "1,8,32");
    static final int MAX_REQUESTS_PER_CELL = 200_000;
    static final String PATH = "/fhir/$baclofen-check";

    private HttpBenchmark() {}

    record Cell(
            String server,
            int size,
            int connections,
            long requests,
            double seconds,
            double cpuMs,
            long p50Us,
            long p99Us,
            long errors,
            int responseBytes) {
        double throughput() {
            return requests / seconds;
        }

        double cpuPerRequestMs() {
            return cpuMs / Math.max(requests, 1);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmupRequests = args.length > 2 ? Integer.parseInt(args[2]) : 12_000;
        FhirContext ctx = FhirContext.forR4();
        Map<Integer, byte[]> bodies = new LinkedHashMap<>();
        for (int size : SIZES) {
            Parameters p = new Parameters();
            p.addParameter().setName("data").setResource(SyntheticPatients.record(size));
            p.addParameter()
                    .setName("evaluationTime")
                    .setValue(new DateTimeType(java.util.Date.from(SyntheticPatients.EVALUATION)));
            bodies.put(
                    size,
                    ctx.newJsonParser().encodeResourceToString(p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        String extra = System.getProperty("bench.serverJvm", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        List<Cell> cells = new ArrayList<>();
        try (ServerProcess echo = ServerProcess.start("echo", EchoServer.class, jvm);
                ServerProcess ours = ServerProcess.start("baclofen-cds", OurServer.class, jvm)) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .executor(Executors.newFixedThreadPool(4))
                    .build();
            // The JIT needs requests, not seconds: warm each server up to a count (bounded in time too), with the
            // same sizes and connection counts as measured. Warmed at 8 connections only, the first one-connection
            // cell still paid for compiling what one connection at a time runs (1.0x there, 0.55x a cell later).
            System.err.println("warming up: " + warmupRequests + " requests or " + warmupSeconds + " s per server");
            int parts = SIZES.length * CONNECTIONS.length;
            for (ServerProcess s : List.of(echo, ours)) {
                for (int size : SIZES) {
                    for (int c : CONNECTIONS) {
                        run(
                                http,
                                s,
                                size,
                                bodies.get(size),
                                c,
                                Math.max(1, warmupSeconds / parts),
                                Math.max(1, warmupRequests / parts));
                    }
                }
            }
            // Then measure once both servers have gone quiet (no compiling left from the warm-up).
            for (ServerProcess s : List.of(echo, ours)) {
                System.err.println(s.name + " quiet after " + settle(s) + " s");
            }
            for (int size : SIZES) {
                for (int c : CONNECTIONS) {
                    for (ServerProcess s : List.of(echo, ours)) {
                        Cell cell = run(http, s, size, bodies.get(size), c, seconds, MAX_REQUESTS_PER_CELL);
                        cells.add(cell);
                        System.err.println(cell);
                    }
                }
            }
        }
        System.out.println(table(cells, bodies));
        System.exit(0);
    }

    static Cell run(
            HttpClient http, ServerProcess server, int size, byte[] body, int connections, int seconds, int maxRequests)
            throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port + PATH);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> probe = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (probe.statusCode() != 200) {
            throw new IllegalStateException(server.name + " answered " + probe.statusCode() + ": "
                    + new String(probe.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        int responseBytes = probe.body().length;
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[connections][];
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Duration cpu0 = server.cpu();
        long t0 = System.nanoTime();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            futures.add(workers.submit(() -> {
                long[] mine = new long[1024];
                int n = 0;
                while (System.nanoTime() < deadline && count.incrementAndGet() <= maxRequests) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(mine, n);
            }));
        }
        for (int w = 0; w < connections; w++) {
            latencies[w] = futures.get(w).get();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Duration cpu1 = server.cpu();
        workers.shutdown();
        long[] all =
                Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Cell(
                server.name,
                size,
                connections,
                all.length,
                elapsed,
                cpu1.minus(cpu0).toNanos() / 1e6,
                percentile(all, 0.50) / 1000,
                percentile(all, 0.99) / 1000,
                errors.get(),
                responseBytes);
    }

    /** Waits, at most 60 s, until the idle server uses under 2% of a core over a second; the seconds waited. */
    static int settle(ServerProcess server) throws InterruptedException {
        for (int waited = 0; waited < 60; waited++) {
            Duration before = server.cpu();
            Thread.sleep(1_000);
            if (server.cpu().minus(before).toMillis() < 20) {
                return waited;
            }
        }
        return 60;
    }

    /** A comma-separated list of numbers from a system property (to narrow a run while profiling). */
    static int[] ints(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String table(List<Cell> cells, Map<Integer, byte[]> bodies) {
        StringBuilder sb = new StringBuilder();
        sb.append("| record | conn | server | req/s | CPU ms/req | p50 ms | p99 ms | response | errors |"
                + " throughput ours/echo | CPU ours/echo |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i + 1 < cells.size(); i += 2) {
            Cell echo = cells.get(i);
            Cell ours = cells.get(i + 1);
            for (Cell c : List.of(echo, ours)) {
                boolean isOurs = c == ours;
                sb.append(String.format(
                        Locale.ROOT,
                        "| %d res (%d KB) | %d | %s | %.0f | %.2f | %.1f | %.1f | %.1f KB | %d | %s | %s |%n",
                        c.size(),
                        bodies.get(c.size()).length / 1024,
                        c.connections(),
                        c.server(),
                        c.throughput(),
                        c.cpuPerRequestMs(),
                        c.p50Us() / 1000.0,
                        c.p99Us() / 1000.0,
                        c.responseBytes() / 1024.0,
                        c.errors(),
                        isOurs ? String.format(Locale.ROOT, "%.2f×", ours.throughput() / echo.throughput()) : "",
                        isOurs
                                ? String.format(Locale.ROOT, "%.2f×", ours.cpuPerRequestMs() / echo.cpuPerRequestMs())
                                : ""));
            }
        }
        return sb.toString();
    }
}
