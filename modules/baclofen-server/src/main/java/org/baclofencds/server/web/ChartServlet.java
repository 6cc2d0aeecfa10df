package org.baclofencds.server.web;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.baclofencds.server.auth.SmartConfiguration;

/**
 * The clinician's chart page: the static files under {@code web/} on the classpath (inside the jar), served at
 * {@code /}. Mount it with {@code builder.servlet("/", new ChartServlet())}; Jetty then routes only what no other
 * servlet claims here, so {@code /fhir}, {@code /health} and {@code /cds-services} are untouched.
 *
 * <p>A flat folder of known file types: no directory listing, no path outside {@code web/}, and a
 * Content-Security-Policy that keeps the page on this origin (it needs no external network).
 */
public final class ChartServlet extends HttpServlet {

    /** The classpath folder the files come from. */
    public static final String FOLDER = "web/";

    // Flat names only: no slashes, no dot-dot, no hidden files.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|css|js|svg|png|ico)");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'%s; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** How the page signs in: {@code smart} (SMART App Launch on), {@code clientId}, {@code fhirBase}. */
    static final String LAUNCH_CONFIG = "launch-config.json";

    /** The page asks which patients are examples and at which instant their alerts hold. */
    static final String EXAMPLE_TIMES = "example-times.json";

    private final transient Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private final byte[] exampleTimes;
    private final transient SmartConfiguration smart;
    private final byte[] launchConfig;

    /** The page without example patients. */
    public ChartServlet() {
        this(Map.of());
    }

    /** @param exampleTimes patient id → the instant its example's alerts hold ({@link ExampleTimes#read}) */
    public ChartServlet(Map<String, Instant> exampleTimes) {
        this(exampleTimes, null, null);
    }

    /**
     * @param exampleTimes patient id → the instant its example's alerts hold ({@link ExampleTimes#read})
     * @param smart the authorization server the page signs in with (SMART App Launch), or null for no sign-in
     * @param publicFhirBase the public FHIR base URL (the tokens' audience), or null for this origin's
     */
    public ChartServlet(Map<String, Instant> exampleTimes, SmartConfiguration smart, String publicFhirBase) {
        this.exampleTimes = ExampleTimes.json(exampleTimes);
        this.smart = smart;
        Map<String, Object> launch = new LinkedHashMap<>();
        launch.put("smart", smart != null);
        if (smart != null) {
            launch.put("clientId", smart.chartClientId());
            launch.put("fhirBase", publicFhirBase);
        }
        this.launchConfig = JSONObjectUtils.toJSONString(launch).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, false);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body) throws IOException {
        String path = req.getPathInfo() == null ? req.getServletPath() : req.getServletPath() + req.getPathInfo();
        String name = path == null || path.isEmpty() || path.equals("/") ? "index.html" : path.substring(1);
        boolean json = name.equals(EXAMPLE_TIMES) || name.equals(LAUNCH_CONFIG);
        byte[] content = name.equals(EXAMPLE_TIMES)
                ? exampleTimes
                : name.equals(LAUNCH_CONFIG) ? launchConfig : NAME.matcher(name).matches() ? load(name) : null;
        if (content == null) {
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
            resp.setContentType("text/plain;charset=utf-8");
            resp.getOutputStream().write(("Not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(
                json ? "application/json;charset=utf-8" : TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        resp.setContentLength(content.length);
        // The files change only with the jar; revalidate so an upgrade is seen at once.
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        // Signing in posts the authorization code to the authorization server's token endpoint.
        String tokenOrigin = smart == null
                ? ""
                : smart.tokenEndpointOrigin().map(o -> " " + o).orElse("");
        resp.setHeader("Content-Security-Policy", CSP.formatted(tokenOrigin));
        if (body) {
            resp.getOutputStream().write(content);
        }
    }

    private byte[] load(String name) {
        byte[] cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = ChartServlet.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            cache.put(name, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FOLDER + name, e);
        }
    }
}
