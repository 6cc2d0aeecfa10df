package org.baclofencds.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import java.time.Duration;
import org.baclofencds.cdshooks.CdsHooksService;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.RulesConfig;
import org.baclofencds.rules.checks.Checks;
import org.baclofencds.server.cdshooks.CdsHooksServlet;
import org.baclofencds.server.cdshooks.DataSourceAlertStore;
import org.baclofencds.server.check.BaclofenCheckOperationProvider;
import org.baclofencds.server.check.BaclofenCheckService;
import org.baclofencds.server.check.BaclofenSummaryOperationProvider;
import org.baclofencds.server.check.BaclofenSummaryService;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * baclofen-cds in a HAPI FHIR JPA server, picked up by the starter's component scan of {@code
 * hapi.fhir.custom-bean-packages: org.baclofencds.hapi} (API.md §7). Nothing else is configured: at start-up the
 * knowledge is installed into the server's database, {@code $baclofen-check} and {@code $baclofen-summary} are
 * registered on the server's {@link RestfulServer}, the CDS Hooks services are mounted at {@code /cds-services},
 * and, with {@code baclofen-cds.check-on-write: true}, the check-on-write interceptor is registered with the
 * server's interceptor service. Bean names start with {@code baclofen} so they cannot clash with the server's.
 */
@Configuration
public class BaclofenCdsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(BaclofenCdsConfiguration.class);

    /** How long an alert overridden through CDS Hooks feedback stays hidden (the standalone default). */
    static final Duration OVERRIDE_SUPPRESSION = Duration.ofHours(24);

    @Bean
    public Knowledge baclofenKnowledge(DaoRegistry daos) {
        return Knowledge.loadFromClasspath(daos.getFhirContext());
    }

    @Bean
    public BaclofenEngine baclofenEngine(Knowledge baclofenKnowledge) {
        return new BaclofenEngine(baclofenKnowledge, RulesConfig.defaults(), Checks.all());
    }

    @Bean
    @SuppressWarnings("unchecked")
    public JpaPatientDataSource baclofenPatientDataSource(DaoRegistry daos, IFhirSystemDao<?, ?> systemDao) {
        return new JpaPatientDataSource(daos, (IFhirSystemDao<Bundle, ?>) systemDao);
    }

    @Bean
    public CdsHooksService baclofenCdsHooksService(
            DaoRegistry daos,
            MatchUrlService matchUrls,
            Knowledge baclofenKnowledge,
            BaclofenEngine baclofenEngine,
            JpaPatientDataSource baclofenPatientDataSource) {
        FhirContext ctx = daos.getFhirContext();
        // Overrides received as CDS Hooks feedback are kept on the stored alerts, in the server's database, as
        // the chart's are: every replica sees them and they survive a restart.
        return new CdsHooksService(
                ctx,
                baclofenKnowledge,
                baclofenEngine,
                new DaoPrefetchFetcher(ctx, daos, matchUrls),
                new DataSourceAlertStore(baclofenPatientDataSource),
                OVERRIDE_SUPPRESSION,
                Clock.systemUTC());
    }

    @Bean
    public BaclofenCheckService baclofenCheckService(
            BaclofenEngine baclofenEngine,
            JpaPatientDataSource baclofenPatientDataSource,
            CdsHooksService baclofenCdsHooksService) {
        // As in the standalone server: an alert overridden through CDS Hooks says so in its detail.
        return new BaclofenCheckService(baclofenEngine, baclofenPatientDataSource, alerts -> baclofenCdsHooksService
                .suppressions()
                .annotate(alerts, Clock.systemUTC().instant()));
    }

    @Bean
    public JpaBaclofenCheckOperationProvider baclofenCheckOperationProvider(
            BaclofenCheckService baclofenCheckService, JpaPatientDataSource baclofenPatientDataSource) {
        return new JpaBaclofenCheckOperationProvider(
                new BaclofenCheckOperationProvider(baclofenCheckService, Clock.systemUTC()), baclofenPatientDataSource);
    }

    @Bean
    public JpaBaclofenSummaryOperationProvider baclofenSummaryOperationProvider(
            BaclofenEngine baclofenEngine,
            Knowledge baclofenKnowledge,
            JpaPatientDataSource baclofenPatientDataSource) {
        return new JpaBaclofenSummaryOperationProvider(
                new BaclofenSummaryOperationProvider(
                        new BaclofenSummaryService(baclofenEngine, baclofenKnowledge, baclofenPatientDataSource),
                        Clock.systemUTC()),
                baclofenPatientDataSource);
    }

    /** {@code /cds-services/*} beside the server's {@code /fhir/*} (the starter's own CDS Hooks stay off). */
    @Bean
    public ServletRegistrationBean<CdsHooksServlet> baclofenCdsHooksServlet(
            DaoRegistry daos, CdsHooksService baclofenCdsHooksService) {
        ServletRegistrationBean<CdsHooksServlet> registration = new ServletRegistrationBean<>(
                new CdsHooksServlet(baclofenCdsHooksService, null, daos.getFhirContext(), null),
                CdsHooksServlet.PATH + "/*");
        registration.setName("baclofen-cds-hooks");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    public KnowledgeInstaller baclofenKnowledgeInstaller(DaoRegistry daos, Knowledge baclofenKnowledge) {
        return new KnowledgeInstaller(daos.getFhirContext(), daos, baclofenKnowledge);
    }

    /**
     * Once every bean exists and before the server takes requests: knowledge installed, operations registered,
     * check-on-write switched on when asked for.
     */
    @Bean
    public SmartInitializingSingleton baclofenStartup(
            KnowledgeInstaller baclofenKnowledgeInstaller,
            ObjectProvider<RestfulServer> restfulServer,
            IInterceptorService interceptors,
            IHapiTransactionService transactions,
            JpaBaclofenCheckOperationProvider baclofenCheckOperationProvider,
            JpaBaclofenSummaryOperationProvider baclofenSummaryOperationProvider,
            BaclofenEngine baclofenEngine,
            BaclofenCheckService baclofenCheckService,
            JpaPatientDataSource baclofenPatientDataSource,
            @Value("${baclofen-cds.check-on-write:false}") boolean checkOnWrite) {
        return () -> {
            baclofenKnowledgeInstaller.install();
            RestfulServer server = restfulServer.getIfAvailable();
            if (server == null) {
                log.warn("baclofen-cds: no HAPI RestfulServer bean in this application; $baclofen-check and"
                        + " $baclofen-summary are not registered");
            } else {
                server.registerProviders(baclofenCheckOperationProvider, baclofenSummaryOperationProvider);
            }
            if (checkOnWrite) {
                interceptors.registerInterceptor(new CheckOnWriteInterceptor(
                        baclofenEngine,
                        baclofenCheckService,
                        baclofenPatientDataSource,
                        transactions,
                        Clock.systemUTC()));
            }
            log.info(
                    "baclofen-cds ready: $baclofen-check, $baclofen-summary, CDS Hooks at {}; check-on-write {}",
                    CdsHooksServlet.PATH,
                    checkOnWrite ? "on" : "off");
        };
    }
}
