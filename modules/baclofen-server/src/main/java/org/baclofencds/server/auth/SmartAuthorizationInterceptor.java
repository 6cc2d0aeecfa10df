package org.baclofencds.server.auth;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderAppliesTo;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.baclofencds.server.auth.SmartScope.Context;
import org.baclofencds.server.auth.SmartScope.Permission;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FHIR API behind SMART on FHIR bearer access tokens (API.md §8). Authenticates every request but
 * {@code metadata} before its body is read (401 with {@code WWW-Authenticate: Bearer}), then maps the token's
 * scopes onto HAPI's authorization rules (403 when no scope allows the request):
 *
 * <ul>
 *   <li>{@code .r} read and {@code .s} search (HAPI's read rule covers both, so the letter the interaction needs
 *       is checked first), {@code .c} create, {@code .u} update, {@code .d} delete, on a type or {@code *};
 *   <li>a {@code patient/} scope only within the compartment of the token's {@code patient} claim;
 *   <li>{@code Patient/{id}/$baclofen-check} and {@code $baclofen-summary} need read access to that patient,
 *       {@code persist=true} also create and update of CommunicationRequest; the system-level stateless
 *       {@code $baclofen-check} reads and writes nothing stored and is open to any valid token;
 *   <li>transactions: each entry under the same rules.
 * </ul>
 */
@Interceptor
public final class SmartAuthorizationInterceptor extends AuthorizationInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SmartAuthorizationInterceptor.class);
    static final String TOKEN_KEY = SmartAuthorizationInterceptor.class.getName() + ".token";
    private static final String CHECK = "$baclofen-check";
    private static final String SUMMARY = "$baclofen-summary";
    private static final String REALM = "baclofen-cds";

    private final AccessTokenVerifier verifier;
    private final String publicFhirBase;
    private final FhirContext ctx;

    /**
     * @param publicFhirBase the FHIR base URL tokens must name in {@code aud} ({@code --public-url} + {@code /fhir});
     *     null only on loopback, where {@code http://localhost:PORT/fhir} and {@code http://127.0.0.1:PORT/fhir} of
     *     the port the request arrived on are accepted (never anything from the {@code Host} header)
     */
    public SmartAuthorizationInterceptor(AccessTokenVerifier verifier, String publicFhirBase, FhirContext ctx) {
        super(PolicyEnum.DENY);
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.publicFhirBase = publicFhirBase;
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /**
     * Authenticates before HAPI reads the body, so an anonymous caller learns nothing from a 400. A refusal is
     * written here (and processing stopped) rather than thrown, which HAPI would log as an interceptor error.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean authenticate(RequestDetails request, HttpServletResponse response) throws IOException {
        if (isMetadata(request)) {
            return true;
        }
        String header = request.getHeader("Authorization");
        String bearer = EhrCredentials.bearer(header);
        if (bearer == null) {
            unauthorized(response, header == null ? null : "invalid_request", "An access token is required");
            return false;
        }
        try {
            request.getUserData().put(TOKEN_KEY, verifier.verify(bearer, audiences(request)));
            return true;
        } catch (AccessTokenVerifier.InvalidTokenException e) {
            log.info("FHIR API call refused: {}", e.getMessage());
            unauthorized(response, "invalid_token", "The access token is not valid here");
            return false;
        }
    }

    private static boolean isMetadata(RequestDetails request) {
        String path = request.getRequestPath();
        return "metadata".equals(path) || request.getRestOperationType() == RestOperationTypeEnum.METADATA;
    }

    private void unauthorized(HttpServletResponse response, String error, String message) throws IOException {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.LOGIN)
                .setDiagnostics(message);
        response.setStatus(401);
        response.setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"" + REALM + "\"" + (error == null ? "" : ", error=\"" + error + "\""));
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream()
                .write(ctx.newJsonParser().encodeResourceToString(oo).getBytes(StandardCharsets.UTF_8));
    }

    private Set<String> audiences(RequestDetails request) {
        if (publicFhirBase != null) {
            return Set.of(publicFhirBase);
        }
        Set<String> out = new LinkedHashSet<>();
        if (request instanceof ServletRequestDetails srd) {
            HttpServletRequest http = srd.getServletRequest();
            if (isLoopback(http.getLocalAddr())) {
                int port = http.getLocalPort();
                out.add("http://localhost:" + port + "/fhir");
                out.add("http://127.0.0.1:" + port + "/fhir");
                out.add("http://[::1]:" + port + "/fhir");
            }
        }
        return out;
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        IAuthRuleBuilder rules = new RuleBuilder();
        rules.allow().metadata();
        if (!(request.getUserData().get(TOKEN_KEY) instanceof AccessToken token)) {
            return rules.denyAll("No access token").build();
        }
        String refusal = interactionRefusal(request, token);
        if (refusal != null) {
            return rules.denyAll(refusal).build();
        }
        for (SmartScope scope : token.scopes()) {
            if (scope.context() == Context.PATIENT && token.patient() == null) {
                continue; // a patient scope without a patient grants nothing
            }
            // HAPI's read rule covers read and search, its write rule create and update; SMART's finer letters
            // were checked above (interactionRefusal).
            Set<Permission> p = scope.permissions();
            if (p.contains(Permission.READ) || p.contains(Permission.SEARCH)) {
                classify(rules.allow().read(), scope, token);
            }
            if (p.contains(Permission.CREATE) || p.contains(Permission.UPDATE)) {
                classify(rules.allow().write(), scope, token);
            }
            if (p.contains(Permission.DELETE)) {
                classify(rules.allow().delete(), scope, token);
            }
        }
        // Our operations, on the patients the token may read.
        if (token.allowsBeyondPatient("Patient", Permission.READ)) {
            rules.allow()
                    .operation()
                    .named(CHECK)
                    .onInstancesOfType(Patient.class)
                    .andAllowAllResponses();
            rules.allow()
                    .operation()
                    .named(SUMMARY)
                    .onInstancesOfType(Patient.class)
                    .andAllowAllResponses();
        } else if (token.allows("Patient", Permission.READ)) {
            IdType patient = new IdType("Patient", token.patient());
            rules.allow().operation().named(CHECK).onInstance(patient).andAllowAllResponses();
            rules.allow().operation().named(SUMMARY).onInstance(patient).andAllowAllResponses();
        }
        rules.allow().operation().named(CHECK).onServer().andAllowAllResponses();
        rules.allow().transaction().withAnyOperation().andApplyNormalRules();
        return rules.denyAll("No scope of the access token allows this request").build();
    }

    private static void classify(
            IAuthRuleBuilderAppliesTo<? extends IAuthRuleBuilderRuleOpClassifier> on,
            SmartScope scope,
            AccessToken token) {
        IAuthRuleBuilderRuleOpClassifier which =
                "*".equals(scope.resourceType()) ? on.allResources() : on.resourcesOfType(scope.resourceType());
        if (scope.context() == Context.PATIENT) {
            which.inCompartment("Patient", new IdType("Patient", token.patient()));
        } else {
            which.withAnyId();
        }
    }

    /**
     * SMART separates read from search and create from update; HAPI's rules do not, so the letter this
     * interaction needs is checked here first.
     */
    private String interactionRefusal(RequestDetails request, AccessToken token) {
        RestOperationTypeEnum op = request.getRestOperationType();
        String type = request.getResourceName();
        Permission needed = op == null
                ? null
                : switch (op) {
                    case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE -> Permission.READ;
                    case SEARCH_TYPE -> Permission.SEARCH;
                    case CREATE -> Permission.CREATE;
                    case UPDATE, PATCH -> Permission.UPDATE;
                    case DELETE -> Permission.DELETE;
                    default -> null;
                };
        if (needed != null && type != null && !token.allows(type, needed)) {
            return "the access token does not allow " + needed.name().toLowerCase(java.util.Locale.ROOT) + " of "
                    + type;
        }
        if (op == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                && CHECK.equals(request.getOperation())
                && persists(request)
                && !(token.allows("CommunicationRequest", Permission.CREATE)
                        && token.allows("CommunicationRequest", Permission.UPDATE))) {
            return "persist=true stores alerts: the access token must allow create and update of"
                    + " CommunicationRequest";
        }
        return null;
    }

    /** Whether the operation asks to store its alerts ({@code persist=true} in the query or the body). */
    private boolean persists(RequestDetails request) {
        String[] query = request.getParameters().get("persist");
        if (query != null) {
            for (String v : query) {
                if (!"false".equals(v)) {
                    return true; // anything but an explicit false is treated as a write (a bad value is a 400 later)
                }
            }
        }
        IBaseResource body = request.getResource();
        if (!(body instanceof Parameters)) {
            body = parseBody(request);
        }
        if (body instanceof Parameters params) {
            return params.getParameter().stream()
                    .anyMatch(p -> "persist".equals(p.getName())
                            && !(p.getValue() != null
                                    && "false".equals(p.getValue().primitiveValue())));
        }
        return false;
    }

    private IBaseResource parseBody(RequestDetails request) {
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return null;
        }
        EncodingEnum encoding = EncodingEnum.forContentType(request.getHeader("Content-Type"));
        Function<String, IBaseResource> parse =
                text -> (encoding == EncodingEnum.XML ? ctx.newXmlParser() : ctx.newJsonParser()).parseResource(text);
        try {
            return parse.apply(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null; // unparseable: HAPI answers 400 when it reads the body itself
        }
    }
}
