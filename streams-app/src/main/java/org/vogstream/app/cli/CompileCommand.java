package org.vogstream.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.compile.CompileTarget;
import org.vogstream.core.compile.CompiledVog;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.score.InputScaling;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vog compile}: K forward checkpoints to one fused gradient-and-VoG graph. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile K forward ONNX checkpoints (oldest first) into one ONNX graph that computes"
                + " their input gradients and the Variance of Gradients in a single run.")
public final class CompileCommand extends JobCommand {
    /** Where the checkpoints come from: listed files or a directory. */
    static final class Sources {
        @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
                description = "A forward ONNX checkpoint; repeat, oldest first (at least 2).")
        List<Path> files;

        @Option(names = "--checkpoint-dir", paramLabel = "DIR", required = true,
                description = "A directory whose last K .onnx files in natural order are used.")
        Path dir;
    }

    @ArgGroup(multiplicity = "1")
    Sources sources;

    @Option(names = "-k", defaultValue = "3", paramLabel = "K",
            description = "Checkpoints to take from --checkpoint-dir (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the compiled graph.")
    Path out;

    @Option(names = "--emit-saliency", description = "Also output the channel-mean gradients 'saliency' [K,N,H,W].")
    boolean emitSaliency;

    @Option(names = "--logits", paramLabel = "NAME",
            description = "Tensor holding the logits (default: the graph output, or the input of its final Softmax).")
    String logits;

    @Option(names = "--target", defaultValue = "cpu", paramLabel = "cpu|cuda",
            description = "The ONNX Runtime execution provider the graph is for: cuda uses only ops with CUDA kernels"
                    + " (no Col2Im), for the same gradients (default: ${DEFAULT-VALUE}).")
    String target;

    @Override
    public Integer call() throws Exception {
        CompileTarget form = CompileTarget.parse(target);
        List<Path> files = sources.files != null ? sources.files : Checkpoint.lastInDirectory(sources.dir, k);
        CompileOptions options = new CompileOptions(emitSaliency, Optional.ofNullable(logits), form);
        CompiledVog compiled = new VogCompiler().compileFiles(files, options);
        // the detector reads input.json from beside the checkpoints with them: the check users run on an export checks it too
        Path scaling = files.get(files.size() - 1).toAbsolutePath().resolveSibling(InputScaling.FILE);
        InputScaling.read(scaling, compiled.exampleDims(), compiled.layout());
        OnnxFiles.write(compiled.model(), out);
        out().println(compiled.summary() + " -> " + out);
        Path servedWith = out.toAbsolutePath().resolveSibling(InputScaling.FILE);
        if (Files.exists(scaling) && !Files.exists(servedWith)) {
            // a compiled graph is served with the input.json beside it, not the checkpoints'
            out().println("note: uint8 events for this graph need " + InputScaling.FILE + " beside it: copy " + scaling
                    + " to " + servedWith);
        }
        out().flush();
        return 0;
    }
}
