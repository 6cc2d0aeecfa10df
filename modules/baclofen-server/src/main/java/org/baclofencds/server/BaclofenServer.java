package org.baclofencds.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.auth.AccessTokenVerifier;
import org.baclofencds.server.auth.SmartAuthorizationInterceptor;
import org.baclofencds.server.provider.CodeSystemResourceProvider;
import org.baclofencds.server.provider.CommunicationRequestResourceProvider;
import org.baclofencds.server.provider.ConditionResourceProvider;
import org.baclofencds.server.provider.DeviceResourceProvider;
import org.baclofencds.server.provider.MedicationKnowledgeResourceProvider;
import org.baclofencds.server.provider.MedicationRequestResourceProvider;
import org.baclofencds.server.provider.MedicationResourceProvider;
import org.baclofencds.server.provider.ObservationResourceProvider;
import org.baclofencds.server.provider.PatientResourceProvider;
import org.baclofencds.server.provider.PractitionerResourceProvider;
import org.baclofencds.server.provider.ProcedureResourceProvider;
import org.baclofencds.server.provider.SystemProvider;
import org.baclofencds.server.provider.ValueSetResourceProvider;
import org.baclofencds.server.store.BundleLoader;
import org.baclofencds.server.store.PatientDataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The running process: embedded Jetty 12 with the FHIR API at {@code /fhir} and {@code /health}, plus whatever
 * servlets and providers the caller adds through the {@link Builder}.
 *
 * <pre>{@code
 * BaclofenServer server = BaclofenServer.builder(config, ctx, knowledge, dataSource)
 *         .provider(new BaclofenCheckOperationProvider(...))      // more FHIR providers
 *         .servlet("/cds-services/*", new CdsHooksServlet(...))    // more servlets
 *         .start();
 * }</pre>
 */
public final class BaclofenServer implements AutoCloseable {

    /** Where the FHIR servlet is mounted. */
    public static final String FHIR_PATH = "/fhir";

    private static final long STOP_TIMEOUT_MS = 5_000;
    /** A connection silent this long is closed. */
    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final Server jetty;
    private final ServerConfig config;
    private final FhirContext ctx;
    private final Knowledge knowledge;
    private final PatientDataSource dataSource;
    private final BundleLoader.LoadResult preloaded;
    private final int port;

    private BaclofenServer(
            Server jetty,
            ServerConfig config,
            FhirContext ctx,
            Knowledge knowledge,
            PatientDataSource dataSource,
            BundleLoader.LoadResult preloaded,
            int port) {
        this.jetty = jetty;
        this.config = config;
        this.ctx = ctx;
        this.knowledge = knowledge;
        this.dataSource = dataSource;
        this.preloaded = preloaded;
        this.port = port;
    }

    /** Starts a server with the standard providers only. */
    public static BaclofenServer start(
            ServerConfig config, FhirContext ctx, Knowledge knowledge, PatientDataSource dataSource) {
        return builder(config, ctx, knowledge, dataSource).start();
    }

    public static Builder builder(
            ServerConfig config, FhirContext ctx, Knowledge knowledge, PatientDataSource dataSource) {
        return new Builder(config, ctx, knowledge, dataSource);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return port;
    }

    /** The URL clients use for the FHIR API: {@code publicBaseUrl/fhir} when configured, else {@link #localBaseUrl()}. */
    public String baseUrl() {
        return config.publicBaseUrl() != null ? config.publicBaseUrl() + FHIR_PATH : localBaseUrl();
    }

    /** {@code http://host:port/fhir} on the bound interface (loopback when bound to all interfaces). */
    public String localBaseUrl() {
        return localRootUrl() + FHIR_PATH;
    }

    /** {@code http://host:port}, the root of every endpoint (e.g. {@code /health}, {@code /cds-services}). */
    public String localRootUrl() {
        String host = config.host();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }

    public ServerConfig config() {
        return config;
    }

    public FhirContext fhirContext() {
        return ctx;
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    public PatientDataSource dataSource() {
        return dataSource;
    }

    /** What {@link ServerConfig#preload()} put into the data source before start. */
    public BundleLoader.LoadResult preloaded() {
        return preloaded;
    }

    /** Stops accepting requests, lets running ones finish (up to 5 s), then stops. Idempotent. */
    public void stop() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new ServerException("Failed to stop the server", e);
        }
    }

    /** Blocks until the server has stopped (for {@code main}). */
    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() {
        stop();
    }

    /** Assembles a server; every method returns the builder. */
    public static final class Builder {
        private final ServerConfig config;
        private final FhirContext ctx;
        private final Knowledge knowledge;
        private final PatientDataSource dataSource;
        private final List<Object> providers = new ArrayList<>();
        private final List<Object> interceptors = new ArrayList<>();
        private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        private org.baclofencds.server.auth.SmartConfiguration smartConfiguration;
        private UnaryOperator<Handler> handlerWrapper = UnaryOperator.identity();
        private Map<String, String> authIssuers = Map.of();

        private Builder(ServerConfig config, FhirContext ctx, Knowledge knowledge, PatientDataSource dataSource) {
            this.config = Objects.requireNonNull(config, "config");
            this.ctx = Objects.requireNonNull(ctx, "ctx");
            this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Adds a HAPI provider: an {@code IResourceProvider}, or a plain provider (system-level operations). */
        public Builder provider(Object provider) {
            providers.add(Objects.requireNonNull(provider));
            return this;
        }

        /** Adds a HAPI interceptor to the FHIR servlet. */
        public Builder interceptor(Object interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor));
            return this;
        }

        /**
         * Puts the FHIR API (all but {@code metadata}) behind SMART on FHIR bearer access tokens of these issuers
         * (issuer → its JWK Set, an {@code https://} URL or a file); API.md §8. Tokens must name
         * {@link ServerConfig#publicBaseUrl()} + {@code /fhir} in {@code aud}; without a public URL the server must
         * listen on loopback only, and the loopback URL of its port is expected.
         *
         * @throws IllegalArgumentException when the server would listen off loopback without a public URL
         */
        public Builder authIssuers(Map<String, String> issuers) {
            // In the order given: the first is the one the chart page signs in with.
            authIssuers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(issuers));
            return this;
        }

        /**
         * Serves {@code /fhir/.well-known/smart-configuration} for SMART App Launch clients (with {@link
         * #authIssuers}); null for none (404).
         */
        public Builder smartConfiguration(org.baclofencds.server.auth.SmartConfiguration configuration) {
            smartConfiguration = configuration;
            return this;
        }

        /** Mounts another servlet beside {@code /fhir}, e.g. {@code "/cds-services/*"}. */
        public Builder servlet(String pathSpec, HttpServlet servlet) {
            if (pathSpec.startsWith(FHIR_PATH + "/") || pathSpec.equals(FHIR_PATH) || pathSpec.startsWith("/health")) {
                throw new IllegalArgumentException(pathSpec + " is taken by the server itself");
            }
            servlets.put(pathSpec, Objects.requireNonNull(servlet));
            return this;
        }

        /** Wraps the whole servlet context, e.g. in Jetty's {@code CrossOriginHandler}. */
        public Builder wrapHandler(UnaryOperator<Handler> wrapper) {
            UnaryOperator<Handler> previous = handlerWrapper;
            handlerWrapper = h -> wrapper.apply(previous.apply(h));
            return this;
        }

        /**
         * Loads {@link ServerConfig#preload()}, starts Jetty and returns once every servlet is initialised.
         *
         * @throws ServerException when the port cannot be bound or a servlet fails to start
         * @throws BundleLoader.LoadException when a preload file is bad
         */
        public BaclofenServer start() {
            BundleLoader.LoadResult preloaded = new BundleLoader(ctx, dataSource).load(config.preload());

            List<Object> all = new ArrayList<>();
            all.add(new MedicationKnowledgeResourceProvider(knowledge));
            all.add(new ValueSetResourceProvider(knowledge));
            all.add(new CodeSystemResourceProvider(knowledge));
            all.add(new DeviceResourceProvider(knowledge));
            all.add(new PatientResourceProvider(dataSource));
            all.add(new PractitionerResourceProvider(dataSource));
            all.add(new MedicationResourceProvider(dataSource));
            all.add(new MedicationRequestResourceProvider(dataSource));
            all.add(new ObservationResourceProvider(dataSource));
            all.add(new ConditionResourceProvider(dataSource));
            all.add(new ProcedureResourceProvider(dataSource));
            all.add(new CommunicationRequestResourceProvider(dataSource));
            all.add(new SystemProvider(dataSource));
            all.addAll(providers);

            String publicFhirBase = config.publicBaseUrl() == null ? null : config.publicBaseUrl() + FHIR_PATH;
            List<Object> allInterceptors = new ArrayList<>();
            if (!authIssuers.isEmpty()) {
                if (publicFhirBase == null && !ServerConfig.isLoopback(config.host())) {
                    throw new IllegalArgumentException("Access tokens name the public FHIR base URL in 'aud': give"
                            + " --public-url when listening on " + config.host());
                }
                allInterceptors.add(new SmartAuthorizationInterceptor(
                        new AccessTokenVerifier(authIssuers, Clock.systemUTC()), publicFhirBase, ctx));
            }
            allInterceptors.addAll(interceptors);
            BaclofenRestfulServer fhir =
                    new BaclofenRestfulServer(ctx, knowledge, all, allInterceptors, publicFhirBase);

            Server jetty = new Server();
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false); // no Server header
            http.setSendXPoweredBy(false);
            ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
            connector.setIdleTimeout(IDLE_TIMEOUT_MS);
            connector.setHost(config.host());
            connector.setPort(config.port());
            jetty.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler("/");
            ServletHolder fhirHolder = new ServletHolder("fhir", fhir);
            fhirHolder.setInitOrder(1); // initialise at start, not on the first request
            context.addServlet(fhirHolder, FHIR_PATH + "/*");
            AtomicBoolean started = new AtomicBoolean();
            context.addServlet(
                    new ServletHolder("health", new HealthServlet(() -> started.get() && fhir.isReady())), "/health");
            if (smartConfiguration != null) {
                // An exact path wins over the FHIR servlet's /fhir/*.
                context.addServlet(
                        new ServletHolder(
                                "smart-configuration",
                                new org.baclofencds.server.auth.SmartConfigurationServlet(smartConfiguration)),
                        org.baclofencds.server.auth.SmartConfigurationServlet.PATH);
            }
            servlets.forEach((path, servlet) -> {
                ServletHolder holder = new ServletHolder(servlet);
                holder.setInitOrder(2);
                context.addServlet(holder, path);
            });

            GracefulHandler graceful = new GracefulHandler(new RequestLimitsHandler(handlerWrapper.apply(context)));
            jetty.setErrorHandler(new JsonErrorHandler(ctx));
            jetty.setHandler(graceful);
            jetty.setStopTimeout(STOP_TIMEOUT_MS);
            try {
                jetty.start();
            } catch (Exception e) {
                try {
                    jetty.stop();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new ServerException(
                        "Failed to start the server on " + config.host() + ":" + config.port() + ": " + e.getMessage(),
                        e);
            }
            if (!fhirHolder.isAvailable() || !fhir.isReady()) {
                try {
                    jetty.stop();
                } catch (Exception ignored) {
                    // already failing
                }
                throw new ServerException("The FHIR servlet failed to initialise", null);
            }
            started.set(true);
            return new BaclofenServer(jetty, config, ctx, knowledge, dataSource, preloaded, connector.getLocalPort());
        }
    }
}
