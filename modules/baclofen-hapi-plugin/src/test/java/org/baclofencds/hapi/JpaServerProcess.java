package org.baclofencds.hapi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAPI FHIR JPA server (the test EHR of {@code modules/baclofen-test-ehr}, wired like the official starter)
 * in its own JVM, with the plugin jar on its {@code loader.path} and {@code
 * hapi.fhir.custom-bean-packages=org.baclofencds.hapi}: the install the README documents, nothing more.
 */
final class JpaServerProcess implements AutoCloseable {
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(8);

    private final Process process;
    private final int port;
    private final Path log;

    private JpaServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param database the H2 file database (without suffix), kept across restarts
     * @param properties further Spring properties, {@code name=value}
     */
    static JpaServerProcess start(Path database, Path workDir, List<String> properties) throws Exception {
        Path ehrJar = Path.of(System.getProperty("baclofen.test-ehr.jar"));
        Path pluginJar = Path.of(System.getProperty("baclofen.plugin.jar"));
        if (!Files.isRegularFile(ehrJar) || !Files.isRegularFile(pluginJar)) {
            throw new IllegalStateException("Build first: " + ehrJar + " and " + pluginJar + " must exist");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dloader.path=" + pluginJar,
                "-jar",
                ehrJar.toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE",
                "--hapi.fhir.custom-bean-packages=org.baclofencds.hapi"));
        properties.forEach(p -> cmd.add("--" + p));
        Path log = Files.createTempFile(workDir, "jpa-server-", ".log");
        Process process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        JpaServerProcess server = new JpaServerProcess(process, port, log);
        server.awaitUp();
        return server;
    }

    String fhirBase() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    String root() {
        return "http://127.0.0.1:" + port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitUp() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The JPA server exited during boot:\n" + tail());
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(fhirBase() + "/metadata"))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("The JPA server did not answer within " + BOOT_TIMEOUT + ":\n" + tail());
    }

    private String tail() throws IOException {
        String text = log();
        return text.substring(Math.max(0, text.length() - 6000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
