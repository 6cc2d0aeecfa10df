package org.baclofencds.cdshooks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The protocol module holds no HTTP: the enforcer bans the jars, this test the imports. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.baclofencds.cdshooks");

    @Test
    void noServletJettyHapiServerOrClientOrJavaNetHttp() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.servlet..",
                        "org.eclipse.jetty..",
                        "ca.uhn.fhir.rest.server..",
                        "ca.uhn.fhir.rest.client..",
                        "java.net.http..",
                        "org.baclofencds.server..")
                .check(CLASSES);
    }
}
