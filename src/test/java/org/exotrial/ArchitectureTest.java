package org.exotrial;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, checked on the compiled main classes. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.exotrial");

    @Test
    void capabilitiesDoNotDependOnEachOtherInCircles() {
        slices().matching("org.exotrial.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noPackageAndItsSubpackagesDependOnEachOtherInCircles() {
        slices().matching("org.exotrial.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /** Storage hooks plug in as {@code StorageHook} beans; only the seam registers them with HAPI. */
    @Test
    void storageHooksAreRegisteredOnlyThroughTheSeam() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("org.exotrial.server.StorageHooks")
                .should()
                .callMethod(IInterceptorService.class, "registerInterceptor", Object.class)
                .because("a capability declares a StorageHook bean (decision 47)")
                .allowEmptyShould(true)
                // Audit keeps BALP on an interceptor service of its own, not HAPI's.
                .check(MAIN.that(DescribedPredicate.describe(
                        "not audit's BALP gate", c -> !c.getName().equals("org.exotrial.audit.ServletRequestsOnly"))));
    }

    /** A {@code *Config} class wires; the interceptors it registers are top-level classes named for what they do. */
    @Test
    void interceptorsAreNotNestedInConfigurations() {
        classes().should(notBeAnInterceptorNestedInAConfig()).check(MAIN);
    }

    private static ArchCondition<JavaClass> notBeAnInterceptorNestedInAConfig() {
        return new ArchCondition<>("not be an interceptor nested in a *Config class") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean inConfig = item.getEnclosingClass()
                        .map(c -> c.getSimpleName().endsWith("Config"))
                        .orElse(false);
                boolean hooks = item.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(Hook.class));
                if (inConfig && hooks) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " has @Hook methods"));
                }
            }
        };
    }
}
