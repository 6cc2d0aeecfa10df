package org.baclofencds.server.app;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.baclofencds.cdshooks.CdsHooksService;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.RulesConfig;
import org.baclofencds.rules.checks.Checks;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.auth.SmartConfiguration;
import org.baclofencds.server.cdshooks.CdsHooksConfig;
import org.baclofencds.server.cdshooks.CdsHooksSetup;
import org.baclofencds.server.cdshooks.DataSourceAlertStore;
import org.baclofencds.server.cdshooks.ReplayCache;
import org.baclofencds.server.check.BaclofenCheckOperationProvider;
import org.baclofencds.server.check.BaclofenCheckService;
import org.baclofencds.server.check.BaclofenSummaryOperationProvider;
import org.baclofencds.server.check.BaclofenSummaryService;
import org.baclofencds.server.remote.EhrConfig;
import org.baclofencds.server.remote.RemotePatientDataSource;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.web.ChartServlet;
import org.baclofencds.server.web.ExampleTimes;

/**
 * The composition root: builds the engine, the data source, the check, summary and CDS Hooks services and the
 * servlets, and starts the server. {@code serve} and every test that needs the whole application call it, so the
 * application is wired in one place.
 *
 * <pre>{@code
 * BaclofenApplication app = BaclofenApplication.builder(ctx, knowledge)
 *         .server(ServerConfig.defaults().withPort(0))
 *         .start();
 * }</pre>
 */
public final class BaclofenApplication implements AutoCloseable {

    private final BaclofenServer server;
    private final BaclofenEngine engine;
    private final CdsHooksService cdsHooks;
    private final BaclofenCheckService checks;
    private final JitWarmUp warmUp;

    private BaclofenApplication(
            BaclofenServer server,
            BaclofenEngine engine,
            CdsHooksService cdsHooks,
            BaclofenCheckService checks,
            JitWarmUp warmUp) {
        this.server = server;
        this.engine = engine;
        this.cdsHooks = cdsHooks;
        this.checks = checks;
        this.warmUp = warmUp;
    }

    public static Builder builder(FhirContext ctx, Knowledge knowledge) {
        return new Builder(ctx, knowledge);
    }

    /** The engine with every check, as the application runs it. */
    public static BaclofenEngine engine(Knowledge knowledge, RulesConfig rules) {
        return new BaclofenEngine(knowledge, rules, Checks.all());
    }

    public BaclofenServer server() {
        return server;
    }

    public BaclofenEngine engine() {
        return engine;
    }

    public PatientDataSource dataSource() {
        return server.dataSource();
    }

    public CdsHooksService cdsHooks() {
        return cdsHooks;
    }

    public BaclofenCheckService checks() {
        return checks;
    }

    /** Blocks until the server has stopped (for {@code main}). */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        if (warmUp != null) {
            warmUp.close();
        }
        server.stop();
    }

    /** The application's settings; each has a default, so a test names only what it cares about. */
    public static final class Builder {
        private final FhirContext ctx;
        private final Knowledge knowledge;
        private ServerConfig serverConfig = ServerConfig.defaults();
        private RulesConfig rules = RulesConfig.defaults();
        private CdsHooksConfig cdsHooksConfig = CdsHooksConfig.defaults();
        private PatientDataSource dataSource;
        private EhrConfig ehr;
        private ReplayCache replayCache = ReplayCache.inMemory();
        private Clock clock = Clock.systemUTC();
        private Map<String, String> authIssuers = Map.of();
        private String chartClientId = SmartConfiguration.DEFAULT_CHART_CLIENT_ID;
        private Map<String, Instant> exampleTimes = Map.of();
        private boolean warmUp;

        private Builder(FhirContext ctx, Knowledge knowledge) {
            this.ctx = Objects.requireNonNull(ctx, "ctx");
            this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        }

        /**
         * Analyse a built-in synthetic record in the background once listening, so the JIT has compiled the checks
         * before the first real requests ({@code serve} does; tests do not, to keep their CPU for themselves).
         */
        public Builder warmUp(boolean on) {
            this.warmUp = on;
            return this;
        }

        public Builder server(ServerConfig config) {
            this.serverConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        public Builder rules(RulesConfig config) {
            this.rules = Objects.requireNonNull(config, "config");
            return this;
        }

        public Builder cdsHooks(CdsHooksConfig config) {
            this.cdsHooksConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Patient data from this source (default: a new embedded in-memory store). */
        public Builder dataSource(PatientDataSource source) {
            this.dataSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Patient data from a remote EHR; null for the embedded store. */
        public Builder ehr(EhrConfig config) {
            this.ehr = config;
            return this;
        }

        /**
         * Example patients and their evaluation times ({@link ExampleTimes#read}): the chart opens them at that
         * time, and their alerts are checked and stored at start-up, as they hold then.
         */
        public Builder exampleTimes(Map<String, Instant> times) {
            this.exampleTimes = Map.copyOf(times);
            return this;
        }

        /** SMART on FHIR / OAuth 2.0 issuers whose access tokens protect {@code /fhir}: ISS -> JWK Set (URL or file). */
        public Builder authIssuers(Map<String, String> issuers) {
            // In the order given: the chart page signs in with the first one's authorization server.
            this.authIssuers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(issuers));
            return this;
        }

        /** The OAuth 2.0 client id the chart page uses with the authorization server (SMART App Launch). */
        public Builder chartClientId(String clientId) {
            this.chartClientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /** Where accepted CDS Hooks JWT ids are remembered (default: in memory; {@code serve}: the data directory). */
        public Builder replayCache(ReplayCache cache) {
            this.replayCache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Builds everything and starts the server.
         *
         * @throws IllegalArgumentException when both a data source and an EHR are given, or the EHR is combined
         *     with preloaded files
         */
        public BaclofenApplication start() {
            PatientDataSource source = dataSource(ctx, knowledge);
            BaclofenEngine engine = engine(knowledge, rules);
            // The chart page signs in as a SMART app with the first issuer's authorization server.
            SmartConfiguration smart = authIssuers.isEmpty()
                    ? null
                    : new SmartConfiguration(authIssuers.keySet().iterator().next(), chartClientId);
            BaclofenServer.Builder builder = BaclofenServer.builder(serverConfig, ctx, knowledge, source)
                    .authIssuers(authIssuers)
                    .smartConfiguration(smart);
            // Overrides received as CDS Hooks feedback are recorded on the alerts in the data source, like the
            // chart's, so the chart, $baclofen-check and every instance on the same data source see them.
            CdsHooksService cds = CdsHooksSetup.install(
                    builder,
                    cdsHooksConfig,
                    ctx,
                    knowledge,
                    engine,
                    new DataSourceAlertStore(source),
                    replayCache,
                    clock,
                    serverConfig.publicBaseUrl());
            // $baclofen-check still returns an alert overridden through CDS Hooks, saying so in its detail.
            BaclofenCheckService checks = new BaclofenCheckService(
                    engine, source, alerts -> cds.suppressions().annotate(alerts, clock.instant()));
            BaclofenServer server = builder.provider(new BaclofenCheckOperationProvider(checks, clock))
                    // The chart page at / and the read-only summary it shows beside the alerts.
                    .provider(new BaclofenSummaryOperationProvider(
                            new BaclofenSummaryService(engine, knowledge, source), clock))
                    .servlet(
                            "/",
                            new ChartServlet(
                                    exampleTimes,
                                    smart,
                                    serverConfig.publicBaseUrl() == null
                                            ? null
                                            : serverConfig.publicBaseUrl() + BaclofenServer.FHIR_PATH))
                    .start();
            if (!exampleTimes.isEmpty()) {
                ExampleTimes.persistAlerts(checks, exampleTimes);
            }
            JitWarmUp warm = warmUp ? JitWarmUp.start(engine, JitWarmUp.ANALYSES) : null;
            return new BaclofenApplication(server, engine, cds, checks, warm);
        }

        private PatientDataSource dataSource(FhirContext ctx, Knowledge knowledge) {
            if (ehr == null) {
                return dataSource != null ? dataSource : new InMemoryPatientDataSource(ctx);
            }
            if (dataSource != null) {
                throw new IllegalArgumentException("Give either a data source or an EHR, not both");
            }
            if (!serverConfig.preload().isEmpty()) {
                throw new IllegalArgumentException(
                        "--load fills the embedded store; with --ehr-base-url use 'baclofen-cds load --server URL'");
            }
            return new RemotePatientDataSource(ctx, knowledge, ehr);
        }
    }
}
