package org.baclofencds.cli;

import ca.uhn.fhir.context.FhirContext;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;
import org.baclofencds.server.auth.SmartConfiguration;
import org.baclofencds.server.cdshooks.CdsHooksConfig;
import org.baclofencds.server.cdshooks.ReplayCache;
import org.baclofencds.server.remote.EhrConfig;
import org.baclofencds.server.store.BundleLoader;
import org.baclofencds.server.store.DataDirectory;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.baclofencds.server.web.ExampleTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the FHIR server on embedded Jetty with the embedded patient store kept in a data directory. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Start the FHIR server (knowledge, patient store, checks) on embedded Jetty.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(
            names = "--host",
            defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Interface to bind (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--load",
            arity = "1..*",
            paramLabel = "PATH",
            description = "FHIR JSON files or folders (Bundles or single resources) to load into the store at start-up,"
                    + " e.g. --load examples.")
    List<Path> load = new ArrayList<>();

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "baclofen-data",
            description = "Where everything is kept (patient data with all versions, alerts and clinicians' decisions,"
                    + " CDS Hooks overrides, the JWT replay cache); created when missing (default: ${DEFAULT-VALUE}"
                    + " in the working directory).")
    Path dataDir;

    @Option(
            names = "--in-memory",
            description = "Keep nothing: patient data and the JWT replay cache live in memory and are gone when the"
                    + " process stops (tests and demos).")
    boolean inMemory;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "Externally visible root URL (without /fhir) when behind a proxy.")
    String publicUrl;

    @Option(
            names = "--rules-config",
            paramLabel = "FILE",
            description = "Site rules settings (Java properties): disabled=code,code and"
                    + " minimum-severity=low|moderate|high. Default: every alert on.")
    Path rulesConfig;

    // ---- remote EHR (issue 5): patient data from another FHIR server instead of the embedded store
    @ArgGroup(
            exclusive = false,
            heading = "%nRemote EHR (patient data and stored alerts live on another FHIR server):%n")
    EhrOptions ehr;

    static final class EhrOptions {
        @Option(
                names = "--ehr-base-url",
                required = true,
                paramLabel = "URL",
                description = "FHIR R4 base URL of the EHR, e.g. https://ehr.example.org/fhir. Patient data is read"
                        + " from it and persisted alerts are written to it.")
        String baseUrl;

        @Option(
                names = "--ehr-token-file",
                paramLabel = "FILE",
                description = "A file whose first line is the bearer token for the EHR (never logged).")
        Path tokenFile;

        @Option(
                names = "--ehr-timeout",
                defaultValue = "30",
                paramLabel = "SECONDS",
                description = "Connect and read timeout of each EHR request; a timeout is a 504"
                        + " (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        EhrConfig config() {
            String token = tokenFile == null ? null : EhrConfig.readToken(tokenFile);
            return new EhrConfig(baseUrl, token, Duration.ofSeconds(timeoutSeconds));
        }
    }

    // Who may call the FHIR API (API.md §8)
    @Option(
            names = "--auth-issuer",
            paramLabel = "ISS=JWKS_URL_OR_FILE",
            description =
                    "Require SMART on FHIR bearer access tokens on /fhir (all but /fhir/metadata) issued by ISS and"
                            + " signed by a key of this JWK Set (https URL or file); repeatable. Tokens must name --public-url"
                            + " + /fhir in 'aud'. With none, /fhir is open (loopback only, unless --insecure).")
    Map<String, String> authIssuers = new LinkedHashMap<>();

    @Option(
            names = "--chart-client-id",
            paramLabel = "ID",
            description = "OAuth 2.0 client id of the chart page, a SMART App Launch public client of the first"
                    + " --auth-issuer's authorization server (default: ${DEFAULT-VALUE}).")
    String chartClientId = SmartConfiguration.DEFAULT_CHART_CLIENT_ID;

    // CDS Hooks (API.md §6)
    @Option(
            names = "--cds-trusted-issuer",
            paramLabel = "ISS=JWKS_URL_OR_FILE",
            description = "Trust CDS Hooks calls whose JWT is issued by ISS and signed by a key of this JWK Set (URL or"
                    + " file); repeatable. With none, CDS Hooks calls are not authenticated.")
    Map<String, String> cdsTrustedIssuers = new LinkedHashMap<>();

    @Option(
            names = "--cors-origin",
            paramLabel = "ORIGIN",
            description = "Browser origin allowed to call /fhir and /cds-services (e.g. https://sandbox.cds-hooks.org,"
                    + " or * for any); repeatable. Default: no CORS.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(
            names = "--insecure",
            description = "Allow listening on a non-loopback interface with /fhir or CDS Hooks unauthenticated.")
    boolean insecure;

    @Option(
            names = "--override-suppression",
            paramLabel = "DURATION",
            defaultValue = "PT24H",
            description = "How long an alert overridden through CDS Hooks feedback stays hidden for that patient, code"
                    + " and order (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration overrideSuppression;

    @Option(
            names = "--fhir-timeout",
            paramLabel = "DURATION",
            defaultValue = "PT5S",
            description = "Connect and read timeout when fetching missing prefetch from the EHR's fhirServer"
                    + " (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration fhirTimeout;

    /** Filled by {@link #call()} so that tests can talk to the running server. */
    volatile BaclofenServer server;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ServerConfig config = new ServerConfig(host, port, publicUrl, load);
        FhirContext ctx = FhirContext.forR4();
        Knowledge knowledge = Knowledge.loadFromClasspath(ctx);
        long knowledgeMs = (System.nanoTime() - t0) / 1_000_000;
        CdsHooksConfig cds =
                new CdsHooksConfig(cdsTrustedIssuers, corsOrigins, insecure, overrideSuppression, fhirTimeout);
        requireProtectedUnlessLoopback(host, cds, authIssuers, publicUrl);
        EhrConfig ehrConfig = ehr == null ? null : ehr.config();
        DataDirectory dataDirectory = inMemory ? null : DataDirectory.open(dataDir);
        try {
            return serve(ctx, knowledge, config, cds, ehrConfig, dataDirectory, t0, knowledgeMs);
        } finally {
            if (dataDirectory != null) {
                dataDirectory.close();
            }
        }
    }

    private int serve(
            FhirContext ctx,
            Knowledge knowledge,
            ServerConfig config,
            CdsHooksConfig cds,
            EhrConfig ehrConfig,
            DataDirectory dataDirectory,
            long t0,
            long knowledgeMs)
            throws Exception {
        Map<String, Instant> exampleTimes = ExampleTimes.read(config.preload());
        BaclofenApplication.Builder builder = BaclofenApplication.builder(ctx, knowledge)
                .server(config)
                .rules(RulesConfigFiles.read(rulesConfig))
                .cdsHooks(cds)
                .authIssuers(authIssuers)
                .chartClientId(chartClientId)
                // Example patients' alerts hold at their evaluation times (examples/expected-alerts.json), not now.
                .exampleTimes(exampleTimes)
                .ehr(ehrConfig)
                // The checks' code is compiled by the JIT before the first clinicians' requests pay for it.
                .warmUp(true);
        if (dataDirectory != null) {
            // The JWT replay cache is kept there in both modes; patient data only for the embedded store.
            builder.replayCache(ReplayCache.in(dataDirectory));
            if (ehrConfig == null) {
                InMemoryPatientDataSource durable = InMemoryPatientDataSource.durable(ctx, dataDirectory);
                log.info(
                        "Data directory {}: {} resource versions restored; every write is committed there before it"
                                + " is answered",
                        dataDirectory.path(),
                        durable.restoredVersions());
                builder.dataSource(durable);
            }
        } else {
            log.info("In memory (--in-memory): nothing is kept when the process stops");
        }
        BaclofenApplication app = builder.start();
        if (ehrConfig != null) {
            log.info(
                    "Patient data from the EHR at {} (timeout {} s)",
                    ehrConfig.baseUrl(),
                    ehrConfig.timeout().toSeconds());
        }
        BaclofenServer started = app.server();
        server = started;
        // On SIGTERM the JVM may end before the main thread gets past join(): the hook says "stopped" itself.
        AtomicBoolean stoppedLogged = new AtomicBoolean();
        Runnable logStopped = () -> {
            if (stoppedLogged.compareAndSet(false, true)) {
                log.info("baclofen-cds stopped");
            }
        };
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("baclofen-cds stopping");
                            started.stop();
                            if (dataDirectory != null) {
                                dataDirectory.close();
                            }
                            logStopped.run();
                        },
                        "baclofen-cds-shutdown"));

        BundleLoader.LoadResult loaded = started.preloaded();
        if (!exampleTimes.isEmpty()) {
            log.info(
                    "Checked {} example patients at their evaluation times; their alerts are stored",
                    exampleTimes.size());
        }
        long sinceJvmStart = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        log.info(
                "baclofen-cds listening on {} (FHIR), {}/health; {} knowledge resources, {} resources loaded from {} files;"
                        + " started in {} ms (knowledge {} ms; {} ms since JVM start)",
                started.baseUrl(),
                started.localRootUrl(),
                knowledge.resources().size(),
                loaded.resourceCount(),
                loaded.files().size(),
                (System.nanoTime() - t0) / 1_000_000,
                knowledgeMs,
                sinceJvmStart);
        log.info("Chart page: {}/", started.localRootUrl());
        log.info(
                "CDS Hooks discovery at {}/cds-services ({})",
                publicUrl != null ? publicUrl : started.localRootUrl(),
                cds.authenticated()
                        ? "JWT from " + cds.trustedIssuers().keySet()
                        : "unauthenticated: loopback or --insecure");
        started.join();
        logStopped.run();
        return 0;
    }

    /**
     * Off loopback, both the FHIR API and CDS Hooks must be protected (unless the operator says otherwise), and
     * tokens are checked against the configured public URL, never against what a request's Host header says.
     */
    static void requireProtectedUnlessLoopback(
            String host, CdsHooksConfig cds, Map<String, String> authIssuers, String publicUrl)
            throws UnknownHostException {
        InetAddress address = InetAddress.getByName(host);
        if (address.isLoopbackAddress()) {
            return;
        }
        if ((cds.authenticated() || !authIssuers.isEmpty()) && publicUrl == null) {
            throw new IllegalArgumentException("Refusing to listen on " + host + " without --public-url: tokens must"
                    + " name the server's public URL in 'aud', which is taken from configuration only");
        }
        if (cds.insecure()) {
            return;
        }
        List<String> open = new ArrayList<>();
        if (authIssuers.isEmpty()) {
            open.add("/fhir (give --auth-issuer ISS=JWKS)");
        }
        if (!cds.authenticated()) {
            open.add("CDS Hooks (give --cds-trusted-issuer ISS=JWKS)");
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("Refusing to listen on " + host + " with " + String.join(" and ", open)
                    + " unauthenticated, or --insecure to accept the risk");
        }
    }
}
