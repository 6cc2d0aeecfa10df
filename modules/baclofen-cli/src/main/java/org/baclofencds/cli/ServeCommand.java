package org.baclofencds.cli;

import ca.uhn.fhir.context.FhirContext;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.baclofencds.cdshooks.CdsHooksService;
import org.baclofencds.cdshooks.InMemorySuppressionStore;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.cdshooks.CdsHooksConfig;
import org.baclofencds.server.cdshooks.CdsHooksSetup;
import org.baclofencds.server.check.BaclofenCheckOperationProvider;
import org.baclofencds.server.check.BaclofenCheckService;
import org.baclofencds.server.check.BaclofenSummaryOperationProvider;
import org.baclofencds.server.check.BaclofenSummaryService;
import org.baclofencds.server.remote.EhrConfig;
import org.baclofencds.server.remote.RemotePatientDataSource;
import org.baclofencds.server.store.BundleLoader;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.web.ChartServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the FHIR server on embedded Jetty with the in-memory patient store. */
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
        PatientDataSource store;
        if (ehr != null) {
            if (!load.isEmpty()) {
                throw new IllegalArgumentException(
                        "--load fills the embedded store; with --ehr-base-url use 'baclofen-cds load --server URL'");
            }
            EhrConfig ehrConfig = ehr.config();
            store = new RemotePatientDataSource(ctx, knowledge, ehrConfig);
            log.info(
                    "Patient data from the EHR at {} (timeout {} s)",
                    ehrConfig.baseUrl(),
                    ehrConfig.timeout().toSeconds());
        } else {
            store = new InMemoryPatientDataSource(ctx);
        }

        BaclofenEngine engine = new BaclofenEngine(knowledge, RulesConfigFiles.read(rulesConfig));

        CdsHooksConfig cds =
                new CdsHooksConfig(cdsTrustedIssuers, corsOrigins, insecure, overrideSuppression, fhirTimeout);
        requireProtectedUnlessLoopback(host, cds, authIssuers, publicUrl);
        BaclofenServer.Builder builder =
                BaclofenServer.builder(config, ctx, knowledge, store).authIssuers(authIssuers);
        CdsHooksService cdsHooks = CdsHooksSetup.install(
                builder, cds, ctx, knowledge, engine, new InMemorySuppressionStore(), Clock.systemUTC(), publicUrl);
        // $baclofen-check still returns an alert overridden through CDS Hooks, saying so in its detail.
        BaclofenCheckService checks = new BaclofenCheckService(engine, store, alerts -> cdsHooks.suppressions()
                .annotate(alerts, Clock.systemUTC().instant()));

        BaclofenServer started = builder.provider(new BaclofenCheckOperationProvider(checks, Clock.systemUTC()))
                // The chart page at / and the read-only summary it shows beside the alerts.
                .provider(new BaclofenSummaryOperationProvider(
                        new BaclofenSummaryService(engine, knowledge, store), Clock.systemUTC()))
                .servlet("/", new ChartServlet())
                .start();
        server = started;
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "baclofen-cds-shutdown"));

        BundleLoader.LoadResult loaded = started.preloaded();
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
        log.info("baclofen-cds stopped");
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
