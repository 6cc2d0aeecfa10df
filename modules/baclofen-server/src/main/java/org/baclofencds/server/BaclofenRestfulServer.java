package org.baclofencds.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.auth.EhrCredentials;
import org.baclofencds.server.auth.EhrCredentialsInterceptor;

/** The FHIR endpoint at {@code /fhir}: the given providers and interceptors on HAPI's plain server. */
final class BaclofenRestfulServer extends RestfulServer {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    private static final int PAGED_SEARCHES_KEPT = 100;

    private final transient List<Object> providers;
    private final transient List<Object> extraInterceptors;
    private final transient Knowledge knowledge;
    private final String publicFhirBase;
    private volatile boolean ready;

    BaclofenRestfulServer(
            FhirContext ctx,
            Knowledge knowledge,
            List<Object> providers,
            List<Object> interceptors,
            String publicFhirBase) {
        super(strict(ctx));
        this.knowledge = knowledge;
        this.providers = List.copyOf(providers);
        this.extraInterceptors = List.copyOf(interceptors);
        this.publicFhirBase = publicFhirBase;
    }

    @Override
    protected void initialize() {
        setServerName("baclofen-cds");
        setImplementationDescription("baclofen-cds: FHIR R4 medication-safety decision support for baclofen");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(PAGED_SEARCHES_KEPT);
        paging.setDefaultPageSize(DEFAULT_PAGE_SIZE);
        paging.setMaximumPageSize(MAX_PAGE_SIZE);
        setPagingProvider(paging);
        if (publicFhirBase != null) {
            setServerAddressStrategy(new HardcodedServerAddressStrategy(publicFhirBase));
        }
        List<IResourceProvider> resourceProviders = new ArrayList<>();
        List<Object> plainProviders = new ArrayList<>();
        for (Object p : providers) {
            if (p instanceof IResourceProvider rp) {
                resourceProviders.add(rp);
            } else {
                plainProviders.add(p);
            }
        }
        setResourceProviders(resourceProviders);
        registerProviders(plainProviders);
        setServerConformanceProvider(new BaclofenCapabilityStatementProvider(this, knowledge));
        registerInterceptor(new ResponseHighlighterInterceptor());
        registerInterceptor(new ErrorSanitizingInterceptor());
        registerInterceptor(new StrictInputInterceptor());
        registerInterceptor(new EhrCredentialsInterceptor(Set.of("$baclofen-check", "$baclofen-summary")));
        extraInterceptors.forEach(this::registerInterceptor);
        ready = true;
    }

    /**
     * Each request on its thread knows its caller's token, for a pass-through to a remote EHR; the response text
     * reaches the client in large writes ({@link CoalescingResponse}).
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        EhrCredentials.beginCallerRequest(EhrCredentials.bearer(request.getHeader("Authorization")));
        CoalescingResponse coalescing = new CoalescingResponse(response);
        try {
            super.service(request, coalescing);
            coalescing.finish();
        } finally {
            EhrCredentials.end();
        }
    }

    /**
     * The context this server parses request bodies and encodes responses with. Strict, so an unknown element or a
     * mis-shaped value is a 400 from HAPI's one parse of the body (an operation's body is parsed before any
     * interceptor sees it). And without HAPI's search of every response for referenced resources to contain: what
     * this server returns holds references as text and lists its contained resources itself (an alert's
     * DetectedIssue), so the walk over the whole response found nothing and cost a quarter of its encoding. Everything
     * else (the store, the knowledge, a remote EHR's answers) keeps the application's context. One per JVM: a context
     * builds its model definitions once.
     */
    static FhirContext strict(FhirContext ctx) {
        if (ctx.getVersion().getVersion() != STRICT_R4.getVersion().getVersion()) {
            throw new IllegalArgumentException("baclofen-cds serves FHIR R4 only");
        }
        return STRICT_R4;
    }

    private static final FhirContext STRICT_R4 = strictR4();

    private static FhirContext strictR4() {
        FhirContext strict = FhirContext.forR4();
        strict.setParserErrorHandler(new StrictErrorHandler());
        strict.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return strict;
    }

    boolean isReady() {
        return ready;
    }
}
