package org.baclofencds.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.baclofencds.rules.archfixture.LeakyHttpCaller;
import org.junit.jupiter.api.Test;

/** The rules and knowledge hold no HTTP, JSON or logging back-end (STYLE.md module table). */
class ArchitectureTest {

    static final ArchRule PURE = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "jakarta.servlet..",
                    "javax.servlet..",
                    "org.eclipse.jetty..",
                    "ca.uhn.fhir.rest.server..",
                    "ca.uhn.fhir.rest.client..",
                    "com.fasterxml.jackson..",
                    "java.net.http..",
                    "org.apache.http..",
                    "okhttp3..",
                    "org.slf4j..",
                    "ch.qos.logback..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.net.HttpURLConnection")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.net.URLConnection")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.net.Socket")
            .because("the checks are pure: a record in, alerts out (STYLE.md)");

    @Test
    void rulesAndKnowledgeDependOnNoTransportOrLoggingBackEnd() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.baclofencds.rules", "org.baclofencds.knowledge");
        PURE.check(classes);
    }

    @Test
    void packagesPointOneWay() {
        // The engine receives its checks; the checks use the engine's types, never the other way round.
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.baclofencds.rules", "org.baclofencds.knowledge");
        slices().matching("org.baclofencds.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theRuleCatchesAClassThatUsesAnHttpClient() {
        JavaClasses fixture = new ClassFileImporter().importClasses(LeakyHttpCaller.class);
        assertThatThrownBy(() -> PURE.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.net.http.HttpClient");
    }
}
