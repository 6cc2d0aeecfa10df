package org.baclofencds.server.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.baclofencds.cdshooks.CdsHooksService;
import org.baclofencds.cdshooks.CdsRequestException;
import org.baclofencds.cdshooks.PrefetchUnavailableException;
import org.baclofencds.cdshooks.UnknownServiceException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /cds-services}: discovery, service calls and feedback (API.md §6). Moves bytes to and from
 * {@link CdsHooksService} and maps its exceptions to status codes, each non-2xx answer with an OperationOutcome
 * (CDS Hooks 3.0 ballot recommendation) except 401, which says nothing.
 */
public final class CdsHooksServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(CdsHooksServlet.class);
    /** Path the servlet is mounted on. */
    public static final String PATH = "/cds-services";
    /** A CDS Hooks request larger than this is not one. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final transient CdsHooksService service;
    private final transient CdsJwtVerifier verifier;
    private final transient FhirContext ctx;
    private final String publicBaseUrl;

    /**
     * @param verifier null when no trusted issuers are configured: calls are then not authenticated
     * @param publicBaseUrl the externally visible root URL (for the JWT {@code aud}); null only on loopback
     */
    public CdsHooksServlet(CdsHooksService service, CdsJwtVerifier verifier, FhirContext ctx, String publicBaseUrl) {
        this.service = service;
        this.verifier = verifier;
        this.ctx = ctx;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = path(req);
        if (!authorised(req)) {
            unauthorised(resp);
            return;
        }
        if (!path.isEmpty()) {
            error(resp, 405, OperationOutcome.IssueType.NOTSUPPORTED, "Use POST to call a CDS service");
            return;
        }
        json(resp, 200, service.discoveryJson());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = path(req);
        if (!authorised(req)) {
            unauthorised(resp);
            return;
        }
        if (!isJson(req.getContentType())) {
            // Only JSON: a browser cannot send it cross-site without a CORS preflight (API.md §6).
            error(
                    resp,
                    415,
                    OperationOutcome.IssueType.NOTSUPPORTED,
                    "CDS Hooks calls and feedback must be sent as Content-Type: application/json (UTF-8)");
            return;
        }
        String[] parts = path.split("/", -1);
        try {
            if (parts.length == 1 && !parts[0].isEmpty()) {
                json(resp, 200, service.callJson(parts[0], body(req)));
            } else if (parts.length == 2 && "feedback".equals(parts[1])) {
                service.feedback(parts[0], body(req));
                json(resp, 200, "{}");
            } else {
                error(resp, 404, OperationOutcome.IssueType.NOTFOUND, "No such CDS Hooks endpoint: " + path);
            }
        } catch (CdsRequestException e) {
            error(resp, 400, OperationOutcome.IssueType.INVALID, e.getMessage());
        } catch (UnknownServiceException e) {
            error(resp, 404, OperationOutcome.IssueType.NOTFOUND, e.getMessage());
        } catch (PrefetchUnavailableException e) {
            // The message names the query (and so the patient): it goes to the caller, not the log.
            log.info("CDS Hooks call to {} answered 412", parts[0]);
            error(resp, 412, OperationOutcome.IssueType.INCOMPLETE, e.getMessage());
        } catch (RuntimeException e) {
            log.error("CDS Hooks call failed", e);
            error(resp, 500, OperationOutcome.IssueType.EXCEPTION, "Internal error; see the server log");
        }
    }

    /** {@code application/json}, with no charset or UTF-8 (RFC 8259). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!"application/json".equalsIgnoreCase(parts[0].strip())) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if ("charset".equalsIgnoreCase(kv[0].strip())
                    && (kv.length < 2 || !"utf-8".equalsIgnoreCase(kv[1].strip().replace("\"", "")))) {
                return false;
            }
        }
        return true;
    }

    /** 401 says nothing about why (CDS Hooks), only how to authenticate. */
    private static void unauthorised(HttpServletResponse resp) {
        resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"cds-services\"");
    }

    /** The part after {@code /cds-services/}, without surrounding slashes. */
    private static String path(HttpServletRequest req) {
        String p = req.getPathInfo();
        if (p == null) {
            return "";
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private boolean authorised(HttpServletRequest req) {
        if (verifier == null) {
            return true;
        }
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return verifier.verify(header.substring(7).strip(), audiences(req));
    }

    /**
     * The exact URL called, as the EHR knows it (the {@code aud} the spec requires): the configured public URL, or
     * on loopback the loopback URLs of the port the request arrived on. Never taken from the {@code Host} header,
     * so a token meant for another service of the same issuer is not accepted here.
     */
    private Set<String> audiences(HttpServletRequest req) {
        String uri = req.getRequestURI();
        while (uri.length() > 1 && uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        if (publicBaseUrl != null) {
            return Set.of(publicBaseUrl + uri);
        }
        if (!isLoopback(req.getLocalAddr())) {
            return Set.of();
        }
        int port = req.getLocalPort();
        return Set.of("http://localhost:" + port + uri, "http://127.0.0.1:" + port + uri, "http://[::1]:" + port + uri);
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String body(HttpServletRequest req) throws IOException {
        byte[] bytes = req.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new CdsRequestException("The body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void json(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private void error(HttpServletResponse resp, int status, OperationOutcome.IssueType type, String message)
            throws IOException {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(message);
        resp.setStatus(status);
        resp.setContentType("application/fhir+json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream()
                .write(ctx.newJsonParser().encodeResourceToString(oo).getBytes(StandardCharsets.UTF_8));
    }
}
