package org.baclofencds.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's inner boundaries, checked rather than only described. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.baclofencds.server");

    @Test
    void theStoreKnowsNothingOfHttp() {
        // A remote EHR implementation and the CLI use the store without a servlet container.
        noClasses()
                .that()
                .resideInAPackage("org.baclofencds.server.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.eclipse.jetty..",
                        "jakarta.servlet..",
                        "org.baclofencds.server.provider..",
                        "ca.uhn.fhir.rest.server.servlet..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("ca.uhn.fhir.rest.api.server.RequestDetails")
                .check(CLASSES);
    }

    @Test
    void providersAreThinAdaptersWithoutJetty() {
        noClasses()
                .that()
                .resideInAPackage("org.baclofencds.server.provider..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.jetty..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void packagesPointOneWay() {
        JavaClasses all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.baclofencds");
        slices().matching("org.baclofencds.(**)").should().beFreeOfCycles().check(all);
    }
}
