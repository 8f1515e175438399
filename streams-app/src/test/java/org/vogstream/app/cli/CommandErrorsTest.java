package org.vogstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every expected failure of a {@code vog} command is one line {@code error: ...} that names what is
 * wrong, and exit code 2; an unexpected one is exit code 1 with one line and a hint. The files are
 * real: the bundled LeNet checkpoints, cut short where a corrupt one is wanted. (The cases that wait
 * on a broker are in CommandErrorsIT.)
 */
class CommandErrorsTest {
    static final Path BUNDLED = Path.of("..", "models", "mnist-lenet");
    static final Path DIGITS = BUNDLED.resolve("test-digits.npy");

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        Files.createDirectories(dir.resolve("out"));
    }

    /** The command's whole standard error must be this one line, and its exit code 2. */
    static void assertRefused(String line, VogCli.Run run) {
        assertEquals(VogCommand.INVALID_INPUT, run.code(), run.err());
        assertEquals(List.of(line), run.err().lines().toList());
    }

    static void assertRefusedMatching(String regex, VogCli.Run run) {
        assertEquals(VogCommand.INVALID_INPUT, run.code(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).matches(regex), lines.get(0));
    }

    /** A checkpoint directory: the bundled checkpoints ck-005 and ck-010, then {@code latest} as ck-015. */
    private static Path checkpointDir(String name, byte[] latest) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.copy(BUNDLED.resolve("ck-005.onnx"), d.resolve("ck-005.onnx"));
        Files.copy(BUNDLED.resolve("ck-010.onnx"), d.resolve("ck-010.onnx"));
        if (latest != null) {
            Files.write(d.resolve("ck-015.onnx"), latest);
        }
        return d;
    }

    private static VogCli.Run score(Path models, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("score", "--model-dir", models.toString(), "--data",
                DIGITS.toString(), "--out", dir.resolve("out").resolve("scores.csv").toString()));
        args.addAll(List.of(more));
        return VogCli.run(args.toArray(String[]::new));
    }

    @Test
    void shouldNameATruncatedCheckpoint() throws Exception {
        byte[] whole = Files.readAllBytes(BUNDLED.resolve("ck-015.onnx"));
        Path models = checkpointDir("truncated", java.util.Arrays.copyOf(whole, whole.length / 2));
        assertRefusedMatching("error: \\Q" + models.resolve("ck-015.onnx") + "\\E: not a readable ONNX model \\(.*truncated.*\\)",
                score(models));
    }

    @Test
    void shouldNameATruncatedCompiledGraph() throws Exception {
        Path graph = dir.resolve("vog.onnx");
        assertEquals(0, VogCli.run("compile", "--checkpoint-dir", BUNDLED.toString(), "--out", graph.toString()).code());
        byte[] whole = Files.readAllBytes(graph);
        Path truncated = dir.resolve("vog-truncated.onnx");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 1000));
        assertRefusedMatching("error: \\Q" + truncated + "\\E: not a readable ONNX model \\(.*truncated.*\\)", score(truncated));
    }

    @Test
    void shouldSayHowManyCheckpointsADirectoryLacks() throws Exception {
        Path models = checkpointDir("two", null);
        assertRefused("error: " + models + ": holds 2 .onnx checkpoint(s), 3 needed", score(models));
    }

    @Test
    void shouldRefuseStatisticsOfAnotherModelSet() throws Exception {
        // the same first two checkpoints, another latest one: another model set
        Path models = checkpointDir("other-set", Files.readAllBytes(BUNDLED.resolve("ck-010.onnx")));
        Path stats = BUNDLED.resolve("stats.json");
        assertRefusedMatching("error: \\Q" + stats + "\\E: statistics of model set b64aca0c170f, but the model set is"
                + " [0-9a-f]{12} \\(recalibrate for these checkpoints\\)", score(models, "--stats", stats.toString()));
    }

    @Test
    void shouldNameAStatisticsFileThatIsNotJson() {
        Path notJson = BUNDLED.resolve("ck-005.onnx");
        assertRefusedMatching("error: \\Q" + notJson + "\\E: not JSON \\(.* at line 1, column \\d+\\); expected statistics"
                + " written by vog calibrate", score(BUNDLED, "--stats", notJson.toString()));
    }

    @Test
    void shouldSayThatAStatisticsFileDoesNotExistOrIsAFolder() {
        // java.io's "(No such file or directory)" was printed as it came (found in review)
        Path missing = dir.resolve("missing-stats.json");
        assertRefused("error: " + missing + ": no such file; expected statistics written by vog calibrate --out",
                score(BUNDLED, "--stats", missing.toString()));
        assertRefused("error: " + dir + ": not a file; expected statistics written by vog calibrate --out",
                score(BUNDLED, "--stats", dir.toString()));
    }

    @Test
    void shouldRefuseToFitTheMapsOnTheExamplesThatSetTheThresholds() {
        // calibrate took the same file for both without a word: thresholds too tight (found in review)
        assertRefused("error: --map-data and --data are the same file (" + DIGITS + "): the maps need examples of their"
                + " own, e.g. a sample of the training set; without --map-data, --data is split in halves",
                VogCli.run("calibrate", "--model-dir", BUNDLED.toString(), "--data", DIGITS.toString(), "--map-data",
                        DIGITS.toString(), "--out", dir.resolve("same").resolve("stats.json").toString()));
    }

    @Test
    void shouldSayThatADataFileDoesNotExist() {
        Path missing = dir.resolve("missing.npy");
        assertRefused("error: " + missing + ": no such file", VogCli.run("score", "--model-dir", BUNDLED.toString(),
                "--data", missing.toString(), "--out", dir.resolve("out").resolve("x.csv").toString()));
    }

    @Test
    void shouldReportAMissingOutputFolderBeforeReadingOrScoringAnything() {
        // the data file is missing too: the output folder is named, so it was checked first
        Path missingData = dir.resolve("missing.npy");
        Path out = dir.resolve("no-folder").resolve("scores.csv");
        String line = "error: " + out + ": no such folder " + out.toAbsolutePath().getParent() + " (--out)";
        assertRefused(line, VogCli.run("score", "--model-dir", BUNDLED.toString(), "--data", missingData.toString(),
                "--out", out.toString()));
        assertRefused(line.replace("scores.csv", "stats.json"), VogCli.run("calibrate", "--model-dir", BUNDLED.toString(),
                "--data", missingData.toString(), "--out", out.resolveSibling("stats.json").toString()));
    }

    @Test
    void shouldSayThatAConfigFileDoesNotExist() {
        Path missing = dir.resolve("missing.properties");
        assertRefused("error: " + missing + ": no such file", VogCli.run("run", "--config", missing.toString()));
    }

    @Test
    void shouldNameAMalformedConfigFile() throws Exception {
        // a Windows path: "\\u" begins a unicode escape in a properties file
        Path config = dir.resolve("windows.properties");
        Files.writeString(config, "bootstrap.servers=localhost:9092\nvog.models.mnist.dir=C:\\users\\me\\mnist-lenet\n");
        assertRefused("error: " + config + ": not a properties file (Malformed \\uxxxx encoding.); a backslash starts an"
                + " escape there, write \\\\ for one (--config)", VogCli.run("run", "--config", config.toString()));
    }

    @Test
    void shouldNameABadValueInTheConfigFile() throws Exception {
        Path config = dir.resolve("bad-value.properties");
        Files.writeString(config, "bootstrap.servers=localhost:9092\nvog.models.mnist.dir=models/mnist-lenet\nbatch.size=0\n");
        assertRefused("error: Invalid value 0 for configuration batch.size: Value must be at least 1",
                VogCli.run("run", "--config", config.toString()));
    }

    @Test
    void shouldRefuseBadFlagValuesInOneLine() {
        assertRefused("error: --batch sizes must be at least 1, got [1, 0]",
                VogCli.run("bench", "--model-dir", BUNDLED.toString(), "--batch", "1,0"));
        assertRefused("error: --seconds must be more than 0, got -1.0",
                VogCli.run("bench", "--model-dir", BUNDLED.toString(), "--seconds", "-1"));
        assertRefused("error: --batch-size must be at least 1, got 0", score(BUNDLED, "--batch-size", "0"));
        assertRefused("error: --threads must be at least 0 (0: one per core), got -2", score(BUNDLED, "--threads", "-2"));
        assertRefused("error: --rate must be at least 0 (0: as fast as possible), got -5.0", VogCli.run("produce",
                "--bootstrap-servers", "localhost:9092", "--model", "mnist", "--data", DIGITS.toString(), "--rate", "-5"));
        assertRefused("error: --max must be at least 0 (0: no limit), got -1",
                VogCli.run("tail", "--bootstrap-servers", "localhost:9092", "--max", "-1"));
        assertRefused("error: Invalid value for option '--timeout': '-5s' is not a positive duration (see 'vog tail --help')",
                VogCli.run("tail", "--bootstrap-servers", "localhost:9092", "--timeout", "-5s"));
        assertRefused("error: Invalid value for option '--duration': '-5s' is not a positive duration (see 'vog demo --help')",
                VogCli.run("demo", "--duration", "-5s"));
        assertRefused("error: Invalid value for option '--duration': 'soon' is not a duration like 30s, 2m or 500ms"
                + " (see 'vog demo --help')", VogCli.run("demo", "--duration", "soon"));
        assertRefused("error: Invalid value for option '--batch-size': 'many' is not an int (see 'vog score --help')",
                score(BUNDLED, "--batch-size", "many"));
    }

    @Test
    void shouldRefuseAMistypedCommandOrFlagWithoutTheWholeUsage() {
        assertRefused("error: Unmatched argument at index 0: 'scroe'; did you mean score or produce? (see 'vog --help')",
                VogCli.run("scroe"));
        assertRefused("error: Missing required option: '--model-dir=DIR' (see 'vog bench --help')", VogCli.run("bench"));
    }

    @Test
    void shouldBenchACompiledGraphWithoutTheColumnsItCannotCompute() throws Exception {
        Path graph = dir.resolve("bench-vog.onnx");
        assertEquals(0, VogCli.run("compile", "--checkpoint-dir", BUNDLED.toString(), "--out", graph.toString()).code());
        VogCli.Run bench = VogCli.run("bench", "--model-dir", graph.toString(), "--batch", "1,64", "--seconds", "0.2");
        assertEquals(0, bench.code(), bench.err());
        List<String> lines = bench.out().lines().toList();
        assertTrue(lines.get(0).startsWith("model set b64aca0c170f: input [1, 28, 28], 10 classes, compiled graph,"), lines.get(0));
        for (String batch : List.of("1", "64")) {
            String row = lines.stream().filter(l -> l.trim().startsWith(batch + " ")).findFirst().orElseThrow();
            assertTrue(row.matches("\\s+" + batch + "\\s+-\\s+\\d+\\s+-\\s+-\\s+-"), row);
            assertTrue(Double.parseDouble(row.trim().split("\\s+")[2]) > 0, row);
        }
        assertEquals(List.of("(" + graph + " is a compiled graph: forward and unfused need the checkpoint directory;"
                + " the ratios below are NaN)", "fused_vs_unfused=NaN", "vog_vs_forward=NaN"),
                lines.subList(lines.size() - 3, lines.size()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "produce", "tail", "calibrate", "publish-stats"})
    void shouldNameAnUnresolvableBrokerAtOnce(String command) {
        String broker = "broker.invalid:9092";
        List<String> args = new java.util.ArrayList<>(List.of(command, "--bootstrap-servers", broker));
        args.addAll(switch (command) {
            case "run" -> List.of("--model", "mnist=" + BUNDLED);
            case "produce" -> List.of("--model", "mnist", "--data", DIGITS.toString());
            case "calibrate" -> List.of("--model-dir", BUNDLED.toString(), "--data", DIGITS.toString(), "--publish");
            case "publish-stats" -> List.of("--stats", BUNDLED.resolve("stats.json").toString());
            default -> List.of("--timeout", "10s");
        });
        long start = System.nanoTime();
        VogCli.Run run = VogCli.run(args.toArray(String[]::new));
        assertRefused("error: no Kafka broker found at " + broker + ": unknown host (--bootstrap-servers)", run);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "checked before any client was made");
    }

    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            return List.<Integer>of().get(0);
        }
    }

    @Test
    void shouldReportAnUnexpectedFailureInOneLineWithAHintAndExitCodeOne() {
        CommandLine cli = VogCommand.commandLine(false).addSubcommand(new Broken());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(1, cli.execute("broken"));
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err.toString());
        assertTrue(lines.get(0).matches("error: unexpected java\\.lang\\.(Array)?IndexOutOfBoundsException: Index 0 out of bounds"
                + " for length 0 \\(at org\\.vogstream\\.app\\.cli\\.CommandErrorsTest\\$Broken\\.call\\(CommandErrorsTest"
                + "\\.java:\\d+\\)\\)"), lines.get(0));
        assertEquals("hint: this is not an input error (a bug?); set VOG_STACKTRACE=1 to print the stack trace", lines.get(1));
    }
}
