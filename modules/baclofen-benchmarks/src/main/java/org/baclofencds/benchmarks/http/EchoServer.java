package org.baclofencds.benchmarks.http;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.Date;
import java.util.List;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.CommunicationRequests;
import org.baclofencds.rules.PatientRecord;
import org.baclofencds.rules.RulesConfig;
import org.baclofencds.rules.SyntheticPatients;
import org.baclofencds.server.app.BaclofenApplication;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * The floor any HAPI server pays: a bare {@code RestfulServer} on Jetty whose {@code $baclofen-check} takes the
 * same Parameters (HAPI parses the whole record), looks at every entry, and answers a fixed Bundle of five alerts
 * (HAPI encodes them on every request). The five alerts are real ones, rendered once at start-up.
 */
public final class EchoServer {
    static final int ALERTS = 5;

    private EchoServer() {}

    /** The operation: parse, touch, encode; nothing else. */
    public static final class EchoProvider {
        private final List<CommunicationRequest> alerts;

        EchoProvider(List<CommunicationRequest> alerts) {
            this.alerts = List.copyOf(alerts);
        }

        @Operation(name = "$baclofen-check", idempotent = false)
        public Bundle check(
                @OperationParam(name = "data", min = 0, max = 1) Bundle data,
                @OperationParam(name = "draftOrder", min = 0, max = OperationParam.MAX_UNLIMITED)
                        List<MedicationRequest> drafts,
                @OperationParam(name = "evaluationTime", min = 0, max = 1) DateTimeType evaluationTime) {
            int touched = data == null ? 0 : data.getEntry().size();
            Bundle out = new Bundle().setType(Bundle.BundleType.COLLECTION);
            out.setTimestamp(new Date());
            out.setTotal(touched); // keeps the parse from being optimised away; a collection may carry it
            for (CommunicationRequest cr : alerts) {
                out.addEntry()
                        .setFullUrl("urn:uuid:" + CommunicationRequests.identifier(cr))
                        .setResource(cr);
            }
            return out;
        }
    }

    /** Five alerts our engine raises on the 30-resource record, rendered once. */
    static List<CommunicationRequest> fixedAlerts(FhirContext ctx, Knowledge knowledge) {
        Bundle record = SyntheticPatients.record(30);
        List<CommunicationRequest> all = BaclofenApplication.engine(knowledge, RulesConfig.defaults())
                .evaluate(PatientRecord.fromBundle(record, List.of(), SyntheticPatients.EVALUATION), "echo");
        if (all.size() < ALERTS) {
            throw new IllegalStateException("The synthetic record raised only " + all.size() + " alerts");
        }
        return all.subList(0, ALERTS);
    }

    /** Starts on a free loopback port and prints {@code PORT n}; stops when stdin closes. */
    public static void main(String[] args) throws Exception {
        FhirContext ctx = FhirContext.forR4();
        List<CommunicationRequest> alerts = fixedAlerts(ctx, Knowledge.loadFromClasspath(ctx));
        RestfulServer fhir = new RestfulServer(ctx);
        fhir.setDefaultResponseEncoding(EncodingEnum.JSON);
        fhir.registerProvider(new EchoProvider(alerts));
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder("fhir", fhir);
        holder.setInitOrder(1);
        context.addServlet(holder, "/fhir/*");
        jetty.setHandler(context);
        jetty.start();
        ServerProcess.announceAndWait(connector.getLocalPort(), jetty::stop);
    }
}
