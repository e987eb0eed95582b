package io.medsync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules of design §3, checked on the compiled production classes (not the tests, not the simulators):
 * dependencies point one way, sources → pipeline → ledger/crypto/http, and no two packages import each other.
 */
class PackageRulesTest {

    /** One package per external system: its client, payloads, mappers and routes. */
    private static final String[] SOURCES = { "io.medsync.nexhealth..", "io.medsync.nextgen..", "io.medsync.heidi.." };

    /** The source-neutral layers; a new source must not have to touch them. */
    private static final String[] SHARED = { "io.medsync.pipeline..", "io.medsync.ledger..", "io.medsync.crypto..",
            "io.medsync.http..", "io.medsync.web..", "io.medsync.ratelimit..", "io.medsync.mapping..",
            "io.medsync.tenant.." };

    /** What the pipeline builds on: storage, encryption, outbound HTTP, endpoint helpers, configuration. */
    private static final String[] FOUNDATION = { "io.medsync.ledger..", "io.medsync.crypto..", "io.medsync.http..",
            "io.medsync.web..", "io.medsync.ratelimit..", "io.medsync.mapping..", "io.medsync.tenant.." };

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .withImportOption(location -> !location.contains("/io/medsync/sandbox/"))
                .importPackages("io.medsync");
    }

    @Test
    void noImportCycleBetweenPackages() {
        slices().matching("io.medsync.(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(production);
    }

    @Test
    void sharedLayersImportNoSourcePackage() {
        noClasses().that().resideInAnyPackage(SHARED)
                .should().dependOnClassesThat().resideInAnyPackage(SOURCES)
                .because("design §3: sources → pipeline → ledger/crypto/http; adding a source touches no other package")
                .check(production);
    }

    @Test
    void foundationImportsNeitherThePipelineNorTheEdges() {
        noClasses().that().resideInAnyPackage(FOUNDATION)
                .should().dependOnClassesThat().resideInAnyPackage("io.medsync.pipeline..", "io.medsync.kafka..",
                        "io.medsync.novamed..", "io.medsync.ops..")
                .because("design §3: dependencies point one way, the pipeline builds on the ledger, not the reverse")
                .check(production);
    }

    @Test
    void nothingButTheOpsApiImportsIt() {
        noClasses().that().resideOutsideOfPackage("io.medsync.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("io.medsync.ops..")
                .because("design §3: what HTTP endpoints share (error bodies, authentication) lives in web/")
                .check(production);
    }

    @Test
    void productionCodeDoesNotUseTheSimulators() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.medsync.sandbox..")
                .because("design §3: simulators are not production code")
                .check(production);
    }
}
