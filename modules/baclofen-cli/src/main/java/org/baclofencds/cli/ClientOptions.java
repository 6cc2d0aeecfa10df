package org.baclofencds.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.nio.file.Path;
import java.time.Duration;
import org.baclofencds.server.remote.EhrConfig;
import org.baclofencds.server.remote.EhrRequestPolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How {@code load} and {@code check} reach a FHIR server: its URL, a token, a timeout. */
final class ClientOptions {

    @Option(
            names = "--server",
            required = true,
            paramLabel = "URL",
            description = "FHIR R4 base URL, e.g. http://127.0.0.1:8080/fhir.")
    String server;

    @ArgGroup(exclusive = true)
    Token token;

    @Option(
            names = "--timeout",
            defaultValue = "60",
            paramLabel = "SECONDS",
            description = "Connect and read timeout of each request (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    static final class Token {
        @Option(
                names = "--bearer-token",
                paramLabel = "TOKEN",
                description = "Sent as 'Authorization: Bearer TOKEN' (visible in the process list: prefer"
                        + " --token-file).")
        String bearerToken;

        @Option(
                names = "--token-file",
                paramLabel = "FILE",
                description = "A file whose first line is the bearer token.")
        Path tokenFile;
    }

    /** The server URL without a trailing slash. */
    String serverUrl() {
        String url = server.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    /**
     * Refuses what is not an http(s) URL with a host, before any request: HAPI's client would only say "Target
     * host is not specified".
     */
    String checkedServerUrl() {
        String url = serverUrl();
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("--server " + server + " is not a valid URL: give the http:// or"
                    + " https:// base URL of a FHIR R4 server, e.g. http://127.0.0.1:8080/fhir");
        }
        return url;
    }

    /**
     * A client on the CLI's own FhirContext (so setting its factory touches nobody else): no {@code /metadata}
     * round trip first, the timeout on every request, the token if one was given (never printed).
     */
    IGenericClient client(FhirContext ctx) {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be positive, not " + timeoutSeconds);
        }
        IRestfulClientFactory factory = ctx.getRestfulClientFactory();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setConnectTimeout(timeoutSeconds * 1000);
        factory.setSocketTimeout(timeoutSeconds * 1000);
        IGenericClient client = ctx.newRestfulGenericClient(checkedServerUrl());
        // As for every EHR request of ours: no redirect carries the token elsewhere, no search answered from cache.
        client.registerInterceptor(new EhrRequestPolicy(Duration.ofSeconds(timeoutSeconds)));
        String bearer = token == null
                ? null
                : token.tokenFile != null ? EhrConfig.readToken(token.tokenFile) : token.bearerToken;
        if (bearer != null && !bearer.isBlank()) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(bearer));
        }
        return client;
    }
}
