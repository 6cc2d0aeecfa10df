package org.baclofencds.server.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.baclofencds.cdshooks.CdsHooksService;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;
import org.baclofencds.server.store.InMemoryPatientDataSource;

/**
 * A real server on a free loopback port with CDS Hooks and {@code $baclofen-check} sharing one data source,
 * as {@code serve} assembles them.
 */
final class CdsServer implements AutoCloseable {
    static final FhirContext CTX = FhirContext.forR4Cached();
    static final Knowledge KNOWLEDGE = Knowledge.loadFromClasspath(CTX);
    static final ObjectMapper JSON = new ObjectMapper();

    final BaclofenServer server;
    final CdsHooksService service;
    final InMemoryPatientDataSource store = new InMemoryPatientDataSource(CTX);
    private final HttpClient http = HttpClient.newHttpClient();

    CdsServer(CdsHooksConfig config) {
        BaclofenApplication app = BaclofenApplication.builder(CTX, KNOWLEDGE)
                .server(ServerConfig.defaults().withPort(0))
                .cdsHooks(config)
                .dataSource(store)
                .start();
        server = app.server();
        service = app.cdsHooks();
    }

    /** A plain FHIR store (the "EHR"), no CDS Hooks. */
    static BaclofenServer ehr(InMemoryPatientDataSource data) {
        return BaclofenServer.start(ServerConfig.defaults().withPort(0), CTX, KNOWLEDGE, data);
    }

    String url(String path) {
        return server.localRootUrl() + path;
    }

    HttpResponse<String> post(String path, String body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
