package dev.pipedeck.cloud;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The cloud client stands alone: other features use it, it uses none of them. */
class CloudPackageArchitectureTest {

    private final JavaClasses cloud = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pipedeck.cloud");

    @Test
    void dependsOnNoOtherPipedeckFeature() {
        noClasses().that().resideInAPackage("dev.pipedeck.cloud..")
                .should().dependOnClassesThat(
                        resideInAPackage("dev.pipedeck..").and(resideOutsideOfPackage("dev.pipedeck.cloud..")))
                .check(cloud);
    }

    @Test
    void modelsDoNotReachBackIntoTheClient() {
        noClasses().that().resideInAPackage("dev.pipedeck.cloud.clickpipe..")
                .should().dependOnClassesThat().resideInAPackage("dev.pipedeck.cloud")
                .check(cloud);
    }
}
