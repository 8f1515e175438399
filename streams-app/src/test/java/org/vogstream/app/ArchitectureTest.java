package org.vogstream.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/design.md §6, on the compiled main classes of every module (the reactor
 * builds them before this module's tests): the tools on the runtime, the runtime on the detector,
 * the detector on vog-core, vog-train on vog-core and the detector; nothing below the runtime
 * knows Kafka, and the runtime knows neither the tools nor a broker or charts; no package of any
 * module takes part in a dependency cycle; the tests' support is a layer above everything it serves.
 */
class ArchitectureTest {
    private static final List<String> MODULES = List.of("vog-core", "vog-detect", "vog-train", "vog-runtime",
            "vog-test-support", "streams-app");
    /** The packages of the tools module (streams-app); the runtime's are the other org.vogstream.app packages. */
    private static final String[] TOOLS = {"org.vogstream.app.cli..", "org.vogstream.app.demo..", "org.vogstream.app.bench..",
        "org.vogstream.app.embedded.."};
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        List<Path> folders = MODULES.stream().map(m -> Path.of("..", m, "target", "classes")).toList();
        folders.forEach(f -> assertTrue(Files.isDirectory(f), f + " is not built: run the build from the root folder"));
        classes = new ClassFileImporter().importPaths(folders);
    }

    @Test
    void shouldKeepVogCoreFreeOfTheLayersAboveIt() {
        noClasses().that().resideInAPackage("org.vogstream.core..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vogstream.detect..", "org.vogstream.train..", "org.vogstream.app..")
                .check(classes);
    }

    @Test
    void shouldKeepTheDetectorFreeOfKafkaTheRuntimeAndTraining() {
        noClasses().that().resideInAPackage("org.vogstream.detect..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vogstream.train..", "org.vogstream.app..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void shouldKeepTrainingApartFromTheRuntimeAndKafka() {
        noClasses().that().resideInAPackage("org.vogstream.train..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vogstream.app..", "org.apache.kafka..").check(classes);
        noClasses().that().resideInAPackage("org.vogstream.app..").should().dependOnClassesThat()
                .resideInAPackage("org.vogstream.train..").check(classes);
    }

    @Test
    void shouldKeepTheRuntimeFreeOfTheToolsTheBrokerAndCharts() {
        JavaClasses runtime = new ClassFileImporter().importPath(Path.of("..", "vog-runtime", "target", "classes"));
        noClasses().should().dependOnClassesThat().resideInAnyPackage(TOOLS).check(runtime);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("kafka..", "scala..", "org.apache.kafka.server..",
                "org.apache.kafka.raft..", "org.apache.kafka.controller..", "org.knowm.xchart..").check(runtime);
        noClasses().should().resideInAnyPackage(TOOLS).check(runtime);
    }

    @Test
    void shouldBuildTheDetectorsReferenceOnNothingElseOfTheDetector() {
        noClasses().that().resideInAPackage("org.vogstream.detect.reference..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vogstream.detect.stats..", "org.vogstream.detect.decide..",
                        "org.vogstream.detect.calibrate..", "org.vogstream.detect.heatmap..")
                .check(classes);
    }

    @Test
    void shouldKeepTheDetectorsPackagesInTheirLayers() {
        noClasses().that().resideInAPackage("org.vogstream.detect.stats..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vogstream.detect.decide..", "org.vogstream.detect.calibrate..",
                        "org.vogstream.detect.heatmap..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.vogstream.detect.calibrate..", "org.vogstream.detect.heatmap..")
                .should().dependOnClassesThat().resideInAPackage("org.vogstream.detect.decide..").check(classes);
    }

    @Test
    void shouldKeepTestSupportOutOfEveryModulesMainCode() {
        noClasses().that().resideOutsideOfPackage("org.vogstream.testsupport..").should().dependOnClassesThat()
                .resideInAPackage("org.vogstream.testsupport..").check(classes);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        slices().matching("org.vogstream.(**)").should().beFreeOfCycles().check(classes);
    }
}
