package org.baclofencds.server.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.baclofencds.cdshooks.CdsHooksService;
import org.baclofencds.cdshooks.SuppressionStore;
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
            SuppressionStore store,
            Clock clock,
            String publicBaseUrl) {
        CdsHooksService service = new CdsHooksService(
                ctx,
                knowledge,
                engine,
                new HapiPrefetchFetcher(ctx, config.fhirTimeout()),
                store,
                config.overrideSuppression(),
                clock);
        CdsJwtVerifier verifier = config.authenticated() ? new CdsJwtVerifier(config.trustedIssuers(), clock) : null;
        builder.servlet(CdsHooksServlet.PATH + "/*", new CdsHooksServlet(service, verifier, ctx, publicBaseUrl));
        builder.wrapHandler(Cors.handler(config.corsOrigins()));
        return service;
    }
}
