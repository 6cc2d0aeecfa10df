package org.baclofencds.testehr.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HAPI FHIR JPA server (the {@code baclofen-test-ehr} jar) in its own JVM, for tests that need an EHR
 * nobody here wrote. {@link #start(Options)} launches it on a free loopback port, waits until
 * {@code /fhir/metadata} answers, and returns; {@link #close()} stops the process.
 *
 * <pre>{@code
 * try (JpaEhr ehr = JpaEhr.start(JpaEhr.Options.defaults())) {
 *     IGenericClient client = ctx.newRestfulGenericClient(ehr.baseUrl());
 * }
 * }</pre>
 *
 * <p>Start it once per test class or module (it takes tens of seconds); its H2 database lives in memory and
 * dies with it. Plugins are added as with the starter's image: {@link Options#withLoaderPath} puts jars or
 * folders on the server's class path ({@code -Dloader.path}) and {@link Options#withProperty} sets
 * {@code hapi.fhir.custom-bean-packages}, {@code custom-interceptor-classes}, {@code implementationguides...}
 * and any other starter property.
 */
public final class JpaEhr implements AutoCloseable {

    /** The system property naming the server jar, when it is not where this build leaves it. */
    public static final String JAR_PROPERTY = "baclofen.test-ehr.jar";

    private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Path log;
    private final int port;
    private final Duration bootTime;
    private final Thread reaper;

    private JpaEhr(Process process, Path log, int port, Duration bootTime, Thread reaper) {
        this.process = process;
        this.reaper = reaper;
        this.log = log;
        this.port = port;
        this.bootTime = bootTime;
    }

    /** Launches the server and returns once {@code GET /fhir/metadata} answers 200. */
    public static JpaEhr start(Options options) {
        Path jar = serverJar();
        Path log;
        try {
            log = Files.createTempFile("baclofen-test-ehr-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmArgs);
        if (!options.loaderPath.isEmpty()) {
            command.add("-Dloader.path=" + String.join(",", options.loaderPath));
        }
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=0");
        command.add("--server.address=127.0.0.1");
        options.properties.forEach((key, value) -> command.add("--" + key + "=" + value));

        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot launch the test EHR " + jar, e);
        }
        Thread reaper = new Thread(process::destroyForcibly, "test-ehr-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            int port = awaitPort(process, log, started, options.bootTimeout);
            awaitMetadata(process, log, port, started, options.bootTimeout);
            return new JpaEhr(process, log, port, Duration.ofNanos(System.nanoTime() - started), reaper);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The FHIR base, e.g. {@code http://127.0.0.1:40123/fhir}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    public int port() {
        return port;
    }

    /** From launch to the first 200 of {@code /fhir/metadata}. */
    public Duration bootTime() {
        return bootTime;
    }

    /** The server's console output (kept after {@link #close()} for a failed test's diagnosis). */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path serverJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            Properties props = new Properties();
            try (InputStream in = JpaEhr.class.getResourceAsStream("test-ehr.properties")) {
                props.load(in);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("test-ehr.properties missing from the launcher jar", e);
            }
            configured = props.getProperty("jar");
        }
        Path jar = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No test EHR jar at " + jar
                    + ": build it with the reactor (mvn -pl <your module> -am verify) or set -D" + JAR_PROPERTY);
        }
        return jar;
    }

    private static int awaitPort(Process process, Path log, long started, Duration timeout) {
        while (true) {
            Matcher m = STARTED_ON_PORT.matcher(read(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            checkAlive(process, log, started, timeout);
            sleep(200);
        }
    }

    private static void awaitMetadata(Process process, Path log, int port, long started, Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/metadata"))
                .header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(60))
                .build();
        while (true) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not accepting yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the test EHR", e);
            }
            checkAlive(process, log, started, timeout);
            sleep(250);
        }
    }

    private static void checkAlive(Process process, Path log, long started, Duration timeout) {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "The test EHR exited with " + process.exitValue() + " during start-up; its output:\n" + tail(log));
        }
        if (System.nanoTime() - started > timeout.toNanos()) {
            throw new IllegalStateException(
                    "The test EHR did not answer within " + timeout + "; its output:\n" + tail(log));
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) {
        String text = read(log);
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the test EHR", e);
        }
    }

    /** How to launch the server; immutable, each {@code with...} returns a copy. */
    public static final class Options {
        private final List<String> jvmArgs;
        private final List<String> loaderPath;
        private final Map<String, String> properties;
        private final Duration bootTimeout;

        private Options(
                List<String> jvmArgs, List<String> loaderPath, Map<String, String> properties, Duration bootTimeout) {
            this.jvmArgs = List.copyOf(jvmArgs);
            this.loaderPath = List.copyOf(loaderPath);
            this.properties = new LinkedHashMap<>(properties);
            this.bootTimeout = bootTimeout;
        }

        /**
         * Starter defaults; a JVM tuned for a short start on a small machine (C1 only, serial GC, 768 MB heap),
         * and up to ten minutes to boot (a busy CI machine).
         */
        public static Options defaults() {
            return new Options(
                    List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m"),
                    List.of(),
                    Map.of(),
                    Duration.ofMinutes(10));
        }

        /** Replaces the JVM options. */
        public Options withJvmArgs(String... args) {
            return new Options(List.of(args), loaderPath, properties, bootTimeout);
        }

        /** Adds a jar or folder to the server's class path, as {@code -Dloader.path} does for the starter. */
        public Options withLoaderPath(Path jarOrFolder) {
            List<String> paths = new ArrayList<>(loaderPath);
            paths.add(jarOrFolder.toAbsolutePath().toString());
            return new Options(jvmArgs, paths, properties, bootTimeout);
        }

        /** A Spring / starter property, e.g. {@code hapi.fhir.custom-bean-packages}. */
        public Options withProperty(String key, String value) {
            Map<String, String> props = new LinkedHashMap<>(properties);
            props.put(key, value);
            return new Options(jvmArgs, loaderPath, props, bootTimeout);
        }

        public Options withBootTimeout(Duration timeout) {
            return new Options(jvmArgs, loaderPath, properties, timeout);
        }
    }
}
