package dev.pipedeck;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package dependencies run one way: web (the shell) → features → audit and cloud, which depend on nothing of ours.
 * Features never reach into the web shell, and no package cycles.
 */
@AnalyzeClasses(packages = "dev.pipedeck", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices().matching("dev.pipedeck.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule featuresDoNotDependOnTheWebShell = noClasses()
            .that().resideOutsideOfPackages("dev.pipedeck.web..", "dev.pipedeck")
            .should().dependOnClassesThat().resideInAPackage("dev.pipedeck.web..");

    @ArchTest
    static final ArchRule cloudClientStandsAlone = noClasses().that().resideInAPackage("dev.pipedeck.cloud..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.pipedeck.users..", "dev.pipedeck.audit..",
                    "dev.pipedeck.orgs..", "dev.pipedeck.pipes..", "dev.pipedeck.wizard..", "dev.pipedeck.sandbox..",
                    "dev.pipedeck.secrets..", "dev.pipedeck.web..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule auditDependsOnNoFeature = noClasses().that().resideInAPackage("dev.pipedeck.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.pipedeck.users..", "dev.pipedeck.orgs..",
                    "dev.pipedeck.pipes..", "dev.pipedeck.wizard..", "dev.pipedeck.sandbox..", "dev.pipedeck.cloud..",
                    "dev.pipedeck.web..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule secretsDependOnNoFeature = noClasses().that().resideInAPackage("dev.pipedeck.secrets..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.pipedeck.users..", "dev.pipedeck.orgs..",
                    "dev.pipedeck.pipes..", "dev.pipedeck.wizard..", "dev.pipedeck.sandbox..", "dev.pipedeck.audit..",
                    "dev.pipedeck.web..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule clusterDependsOnNoFeature = noClasses().that().resideInAPackage("dev.pipedeck.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.pipedeck.users..", "dev.pipedeck.orgs..",
                    "dev.pipedeck.pipes..", "dev.pipedeck.wizard..", "dev.pipedeck.sandbox..", "dev.pipedeck.audit..",
                    "dev.pipedeck.cloud..", "dev.pipedeck.health..", "dev.pipedeck.web..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule sandboxIsAFakeServerNotAFeature = noClasses().that().resideInAPackage("dev.pipedeck.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.pipedeck.users..", "dev.pipedeck.orgs..",
                    "dev.pipedeck.pipes..", "dev.pipedeck.wizard..", "dev.pipedeck.audit..", "dev.pipedeck.web..")
            .allowEmptyShould(true);
}
