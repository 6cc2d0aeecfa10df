package org.baclofencds.testehr;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * A HAPI FHIR JPA server 8.8.0 for tests, wired like the official {@code hapi-fhir-jpaserver-starter} 8.8.0
 * (R4, H2 in memory, FHIR at {@code /fhir}) minus the parts that slow its start and that no client of ours
 * sees: subscriptions, MDM, clinical reasoning, CDS Hooks, OpenAPI, the tester UI, full-text indexing,
 * validation and bulk export/import.
 */
@SpringBootApplication(exclude = {ThymeleafAutoConfiguration.class, ElasticsearchRestClientAutoConfiguration.class})
public class TestEhrApplication {

    public static void main(String[] args) {
        SpringApplication.run(TestEhrApplication.class, args);
    }

    /** The starter registers its RestfulServer bean as the servlet behind {@code /fhir/*}, the same here. */
    @Bean
    public ServletRegistrationBean<RestfulServer> hapiServletRegistration(
            RestfulServer restfulServer, AutowireCapableBeanFactory beanFactory) {
        beanFactory.autowireBean(restfulServer);
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(restfulServer, "/fhir/*");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
