package org.baclofencds.server.check;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;

/** The whole application (as {@code serve} builds it) on a free loopback port with the published knowledge. */
final class CheckServer implements AutoCloseable {
    final FhirContext ctx = FhirContext.forR4Cached();
    final BaclofenServer server;
    final IGenericClient client;

    CheckServer() {
        Knowledge knowledge = Knowledge.loadFromClasspath(ctx);
        server = BaclofenApplication.builder(ctx, knowledge)
                .server(ServerConfig.defaults().withPort(0))
                .start()
                .server();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = ctx.newRestfulGenericClient(server.baseUrl());
    }

    @Override
    public void close() {
        server.stop();
    }
}
