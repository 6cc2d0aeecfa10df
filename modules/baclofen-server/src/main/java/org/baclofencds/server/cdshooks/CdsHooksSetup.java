package org.baclofencds.server.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.baclofencds.cdshooks.AlertStore;
import org.baclofencds.cdshooks.CdsHooksService;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.server.BaclofenServer;

/** Adds CDS Hooks (servlet, JWT trust, CORS) to a server being built. */
public final class CdsHooksSetup {
    private CdsHooksSetup() {}

    /**
     * Mounts {@code /cds-services/*}, checks JWTs when issuers are trusted, and wraps the context in CORS when
     * origins are configured.
     *
     * @param publicBaseUrl the externally visible root URL, or null
     * @return the service, e.g. to share its suppressions with {@code $baclofen-check}
     */
    public static CdsHooksService install(
            BaclofenServer.Builder builder,
            CdsHooksConfig config,
            FhirContext ctx,
            Knowledge knowledge,
            BaclofenEngine engine,
            AlertStore alerts,
            Clock clock,
            String publicBaseUrl) {
        return install(builder, config, ctx, knowledge, engine, alerts, ReplayCache.inMemory(), clock, publicBaseUrl);
    }

    /**
     * As above, with the JWT replay cache in {@code replayCache} (the data directory for {@code serve}).
     *
     * @param alerts where overrides received as feedback are recorded: the data source's alerts
     */
    public static CdsHooksService install(
            BaclofenServer.Builder builder,
            CdsHooksConfig config,
            FhirContext ctx,
            Knowledge knowledge,
            BaclofenEngine engine,
            AlertStore alerts,
            ReplayCache replayCache,
            Clock clock,
            String publicBaseUrl) {
        CdsHooksService service = new CdsHooksService(
                ctx,
                knowledge,
                engine,
                new HapiPrefetchFetcher(ctx, config.fhirTimeout()),
                alerts,
                config.overrideSuppression(),
                clock);
        CdsJwtVerifier verifier =
                config.authenticated() ? new CdsJwtVerifier(config.trustedIssuers(), clock, replayCache) : null;
        builder.servlet(CdsHooksServlet.PATH + "/*", new CdsHooksServlet(service, verifier, ctx, publicBaseUrl));
        builder.wrapHandler(Cors.handler(config.corsOrigins()));
        return service;
    }
}
