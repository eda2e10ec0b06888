package dev.agentingress.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules the layout stands on (README, Architecture), checked on the compiled main classes: a package
 * that broke one would still compile, and the next reader would find the layout saying something untrue.
 */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.agentingress.emulator");

    /** Each package on its own, so that api, api.error and api.web may not lean on each other in a circle either. */
    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("dev.agentingress.emulator.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void idsArePlainJava() {
        classes().that().resideInAPackage("dev.agentingress.emulator.ids..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.jspecify.annotations..", "dev.agentingress.emulator.ids..")
                .check(MAIN);
    }

    /** Features get what they need of the request through api (the account, parking, filter order), not the filters. */
    @Test
    void featuresDoNotReachIntoTheWebPlumbing() {
        noClasses().that().resideInAnyPackage("dev.agentingress.emulator.agentingress..",
                "dev.agentingress.emulator.controls..", "dev.agentingress.emulator.config..",
                "dev.agentingress.emulator.openapi..", "dev.agentingress.emulator.operations..",
                "dev.agentingress.emulator.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.agentingress.emulator.api.web..")
                .check(MAIN);
    }

    /** The controls may act on agent ingresses (reset, export); ngrok's resource knows nothing of the controls. */
    @Test
    void agentIngressesDoNotDependOnTheControls() {
        noClasses().that().resideInAPackage("dev.agentingress.emulator.agentingress..")
                .should().dependOnClassesThat().resideInAPackage("dev.agentingress.emulator.controls..")
                .check(MAIN);
    }
}
