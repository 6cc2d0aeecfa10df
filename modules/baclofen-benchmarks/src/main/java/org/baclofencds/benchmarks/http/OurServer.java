package org.baclofencds.benchmarks.http;

import ca.uhn.fhir.context.FhirContext;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;

/** baclofen-cds as {@code serve} assembles it (composition root, embedded in-memory store), on a free loopback port. */
public final class OurServer {
    private OurServer() {}

    /** Prints {@code PORT n}; stops when stdin closes. */
    public static void main(String[] args) throws Exception {
        FhirContext ctx = FhirContext.forR4();
        BaclofenApplication app = BaclofenApplication.builder(ctx, Knowledge.loadFromClasspath(ctx))
                .server(ServerConfig.defaults().withPort(0))
                .warmUp(true) // as serve does
                .start();
        ServerProcess.announceAndWait(app.server().port(), app::close);
    }
}
