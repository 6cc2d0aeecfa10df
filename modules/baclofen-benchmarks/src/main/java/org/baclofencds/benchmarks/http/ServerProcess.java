package org.baclofencds.benchmarks.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in its own JVM, so its CPU time (all its threads: Jetty, HAPI, GC, JIT) is the process's
 * own and not the load generator's.
 */
final class ServerProcess implements AutoCloseable {
    private static final String ANNOUNCE = "PORT ";

    final String name;
    final Process process;
    final int port;

    private ServerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code mainClass} with this JVM's class path; returns once it has printed its port. {@code {server}} in an
     * option becomes the server's name (one JFR file per server).
     */
    static ServerProcess start(String name, Class<?> mainClass, List<String> jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmOptions.forEach(o -> cmd.add(o.replace("{server}", name)));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(ANNOUNCE)) {
                String port = line.substring(ANNOUNCE.length()).trim().split(" ")[0];
                return new ServerProcess(name, p, Integer.parseInt(port));
            }
        }
        p.destroyForcibly();
        throw new IOException(name + " exited before announcing its port");
    }

    /** CPU time of the whole server process so far (user + system, all threads). */
    Duration cpu() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("This platform does not report process CPU time"));
    }

    /** Closes the server's stdin (it then stops itself); ends the process if it has not after 10 s. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** For the server side: print the port, then run until stdin closes (the parent ended), then stop. */
    static void announceAndWait(int port, Stopper stop) throws Exception {
        System.out.println(
                ANNOUNCE + port + " pid " + ManagementFactory.getRuntimeMXBean().getPid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin
        }
        stop.stop();
        System.exit(0);
    }

    @FunctionalInterface
    interface Stopper {
        void stop() throws Exception;
    }
}
