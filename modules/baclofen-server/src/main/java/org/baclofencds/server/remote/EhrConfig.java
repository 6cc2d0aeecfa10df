package org.baclofencds.server.remote;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the remote EHR is and how to reach it; parsed once in {@code main}.
 *
 * @param baseUrl the EHR's FHIR R4 base, e.g. {@code https://ehr.example.org/fhir} (no trailing slash)
 * @param bearerToken sent as {@code Authorization: Bearer ...}, or null for an open server; never logged
 * @param timeout the connect and the read timeout of each EHR request
 */
public record EhrConfig(String baseUrl, String bearerToken, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public EhrConfig {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("EHR base URL must not be blank");
        }
        baseUrl = baseUrl.strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EHR base URL is not a URL: " + baseUrl);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("EHR base URL must be an absolute http(s) URL: " + baseUrl);
        }
        if (bearerToken != null && bearerToken.isBlank()) {
            bearerToken = null;
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("EHR timeout must be positive, not " + timeout);
        }
    }

    /** The token of a file (its first line, trimmed): tokens stay out of the command line and the process list. */
    public static String readToken(Path tokenFile) {
        try {
            String text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            int eol = text.indexOf('\n');
            String token = (eol < 0 ? text : text.substring(0, eol)).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("Token file " + tokenFile + " is empty");
            }
            return token;
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.NoSuchFileException
                    ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
            throw new IllegalArgumentException("cannot read token file " + tokenFile + ": " + reason, e);
        }
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "EhrConfig[baseUrl=" + baseUrl + ", bearerToken=" + (bearerToken == null ? "none" : "***") + ", timeout="
                + timeout + "]";
    }
}
