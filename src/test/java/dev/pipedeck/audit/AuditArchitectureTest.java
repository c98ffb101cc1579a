package dev.pipedeck.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The audit log is called into by every feature and itself depends on none of them. */
@AnalyzeClasses(packages = "dev.pipedeck", importOptions = ImportOption.DoNotIncludeTests.class)
class AuditArchitectureTest {

    @ArchTest
    static final ArchRule auditDependsOnNoOtherFeature = noClasses()
            .that().resideInAPackage("dev.pipedeck.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.pipedeck")
            .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "reside in another dev.pipedeck package",
                    clazz -> clazz.getPackageName().startsWith("dev.pipedeck.")
                            && !clazz.getPackageName().startsWith("dev.pipedeck.audit")));
}
