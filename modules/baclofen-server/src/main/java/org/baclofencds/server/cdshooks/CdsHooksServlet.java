package org.baclofencds.server.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
     * @param publicBaseUrl the externally visible root URL (for the JWT {@code aud}), or null to use the request's
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
            resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
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
            resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
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
        return verifier.verify(header.substring(7).strip(), audience(req));
    }

    /** The exact URL called, as the EHR knows it (the {@code aud} the spec requires). */
    private String audience(HttpServletRequest req) {
        String root;
        if (publicBaseUrl != null) {
            root = publicBaseUrl;
        } else {
            StringBuffer url = req.getRequestURL();
            root = url.substring(0, url.length() - req.getRequestURI().length());
        }
        String uri = req.getRequestURI();
        while (uri.length() > 1 && uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        return root + uri;
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
