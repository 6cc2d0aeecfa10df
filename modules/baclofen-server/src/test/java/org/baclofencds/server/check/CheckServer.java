package org.baclofencds.server.check;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.time.Clock;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.RulesConfig;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.store.InMemoryPatientDataSource;

/** A real server on a free loopback port with the published knowledge, the engine and $baclofen-check. */
final class CheckServer implements AutoCloseable {
    final FhirContext ctx = FhirContext.forR4Cached();
    final BaclofenServer server;
    final IGenericClient client;

    CheckServer() {
        Knowledge knowledge = Knowledge.loadFromClasspath(ctx);
        InMemoryPatientDataSource store = new InMemoryPatientDataSource(ctx);
        BaclofenCheckService service =
                new BaclofenCheckService(new BaclofenEngine(knowledge, RulesConfig.defaults()), store);
        server = BaclofenServer.builder(ServerConfig.defaults().withPort(0), ctx, knowledge, store)
                .provider(new BaclofenCheckOperationProvider(service, Clock.systemUTC()))
                .provider(new BaclofenSummaryOperationProvider(
                        new BaclofenSummaryService(
                                new BaclofenEngine(knowledge, RulesConfig.defaults()), knowledge, store),
                        Clock.systemUTC()))
                .start();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = ctx.newRestfulGenericClient(server.baseUrl());
    }

    @Override
    public void close() {
        server.stop();
    }
}
