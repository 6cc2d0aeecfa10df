package org.baclofencds.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * How the server runs; parsed once in {@code main} and passed down.
 *
 * @param host the interface to bind, default {@code 127.0.0.1}
 * @param port the port, default 8080; 0 picks a free port (tests)
 * @param publicBaseUrl the externally visible root URL of the process (without {@code /fhir}), e.g.
 *     {@code https://cds.example.org}, when a proxy sits in front; null to answer with the URL of each request.
 *     Location headers, paging links and fullUrls then use {@code publicBaseUrl + "/fhir"}.
 * @param preload FHIR JSON files or directories to load into the patient data source before the server
 *     starts answering
 */
public record ServerConfig(String host, int port, String publicBaseUrl, List<Path> preload) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        if (publicBaseUrl != null) {
            publicBaseUrl = publicBaseUrl.strip();
            while (publicBaseUrl.endsWith("/")) {
                publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(publicBaseUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("public base URL is not a URL: " + publicBaseUrl);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("public base URL must be an absolute http(s) URL: " + publicBaseUrl);
            }
        }
        preload = preload == null ? List.of() : List.copyOf(preload);
    }

    /** 127.0.0.1:8080, no public URL, nothing preloaded. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, null, List.of());
    }

    /** True when {@code host} names a loopback interface (resolved, so {@code localhost} counts). */
    public static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host.replace("[", "").replace("]", ""))
                    .isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, publicBaseUrl, preload);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, publicBaseUrl, preload);
    }

    public ServerConfig withPublicBaseUrl(String url) {
        return new ServerConfig(host, port, url, preload);
    }

    public ServerConfig withPreload(List<Path> paths) {
        return new ServerConfig(host, port, publicBaseUrl, paths);
    }
}
