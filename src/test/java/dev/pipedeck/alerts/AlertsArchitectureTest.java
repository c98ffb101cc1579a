package dev.pipedeck.alerts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Alerts sit on top of pipe health: they read its history and hear of its scrapes through an event, while health (and
 * every other feature) knows nothing of alerts; only the web shell shows them.
 */
@AnalyzeClasses(packages = "dev.pipedeck", importOptions = ImportOption.DoNotIncludeTests.class)
class AlertsArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheWebShellDependsOnAlerts = noClasses()
            .that().resideOutsideOfPackages("dev.pipedeck.alerts..", "dev.pipedeck.web..")
            .should().dependOnClassesThat().resideInAPackage("dev.pipedeck.alerts..");

    @ArchTest
    static final ArchRule alertsUseOnlyHealthOrgsAuditAndSecrets = noClasses()
            .that().resideInAPackage("dev.pipedeck.alerts..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.pipedeck.pipes..", "dev.pipedeck.wizard..",
                    "dev.pipedeck.sandbox..", "dev.pipedeck.users..", "dev.pipedeck.cloud..", "dev.pipedeck.web..");
}
