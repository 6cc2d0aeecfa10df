package org.baclofencds.server.auth;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code GET /fhir/.well-known/smart-configuration}: open, JSON ({@link SmartConfiguration}). */
public final class SmartConfigurationServlet extends HttpServlet {

    /** Where it is mounted. */
    public static final String PATH = "/fhir/.well-known/smart-configuration";

    private final transient SmartConfiguration configuration;

    public SmartConfigurationServlet(SmartConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<String> json = configuration.json();
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentType("application/json;charset=utf-8");
        String body;
        if (json.isPresent()) {
            resp.setStatus(HttpServletResponse.SC_OK);
            body = json.get();
        } else {
            // The authorization server did not answer: say so without relaying anything it sent.
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            body = "{\"error\":\"temporarily_unavailable\",\"error_description\":\"The authorization server's"
                    + " OpenID configuration could not be read; try again later.\"}";
        }
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
