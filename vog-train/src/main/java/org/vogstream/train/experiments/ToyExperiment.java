package org.vogstream.train.experiments;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.eval.RankCorrelation;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.OnnxSession;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.train.CheckpointTrainer;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.data.Split;
import org.vogstream.train.data.ToyBlobs;
import org.vogstream.train.model.Architecture;

/**
 * The paper's toy experiment (§2.1, appendix A.1): an MLP with one hidden layer of 10 trained for
 * 15 epochs on two Gaussian blobs; VoG of each test point over all 15 checkpoints and over the
 * early [0, 5) and late [10, 15) stages, against its distance to the learned decision boundary.
 */
public final class ToyExperiment {
    public static final int EPOCHS = 15;

    /**
     * @param all Spearman(VoG over all checkpoints, distance to the boundary)
     * @param early the same with the early-stage checkpoints
     * @param late the same with the late-stage checkpoints
     * @param probabilityAll Spearman with VoG of the predicted class's softmax probability instead of its logit
     * @param testAccuracy the final checkpoint's test accuracy
     * @param plot the figure written
     */
    public record Result(double all, double early, double late, double probabilityAll, double testAccuracy, Path plot) {}

    private ToyExperiment() {}

    public static Result run(Path outDir, long seed) throws IOException {
        Split data = ToyBlobs.generate(1000, seed);
        Path checkpoints = outDir.resolve("toy-checkpoints");
        var results = CheckpointTrainer.train(new CheckpointTrainer.Config(Architecture.toyMlp(), EPOCHS, 0.01f, 0f, 16, seed),
                data.train(), data.test(), checkpoints, new CheckpointTrainer.Listener() {});
        List<Path> files = results.stream().map(CheckpointTrainer.EpochResult::checkpoint).toList();
        LabeledImages test = data.test();
        double[] distance = boundaryDistance(files.get(EPOCHS - 1), test);
        double[] vogAll = vog(files, test);
        double[] vogEarly = vog(files.subList(0, 5), test);
        double[] vogLate = vog(files.subList(10, 15), test);
        double[] vogProbability = vog(withSoftmax(files, outDir.resolve("toy-checkpoints-softmax")), test,
                new CompileOptions(false, Optional.of(PROBABILITIES)));
        Path plot = outDir.resolve("toy-vog.png");
        draw(files.get(EPOCHS - 1), test, vogAll, plot);
        return new Result(RankCorrelation.spearman(vogAll, distance), RankCorrelation.spearman(vogEarly, distance),
                RankCorrelation.spearman(vogLate, distance), RankCorrelation.spearman(vogProbability, distance),
                results.get(EPOCHS - 1).testAccuracy(), plot);
    }

    static double[] vog(List<Path> files, LabeledImages points) {
        return vog(files, points, CompileOptions.defaults());
    }

    static double[] vog(List<Path> files, LabeledImages points, CompileOptions options) {
        ModelSet set = ModelSet.fromFiles(files, options);
        try (VogScorer scorer = VogScorer.open(set, ScorerConfig.defaults())) {
            List<float[]> xs = new ArrayList<>();
            for (int i = 0; i < points.count(); i++) {
                xs.add(points.example(i));
            }
            return scorer.score(xs).stream().mapToDouble(Score::vog).toArray();
        }
    }

    private static final String PROBABILITIES = "probabilities";

    /** Copies of the checkpoints with a final Softmax whose output is {@value #PROBABILITIES}. */
    static List<Path> withSoftmax(List<Path> files, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            var model = Checkpoint.read(f).model();
            var graph = model.getGraph().toBuilder()
                    .addNode(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Softmax").setName("softmax")
                            .addInput("logits").addOutput(PROBABILITIES)
                            .addAttribute(org.vogstream.core.onnx.Attributes.of("axis", 1L)))
                    .clearOutput().addOutput(org.vogstream.core.onnx.GraphBuilder.valueInfo(PROBABILITIES,
                            org.vogstream.core.onnx.ElementType.FLOAT, -1, 2));
            Path copy = dir.resolve(f.getFileName());
            org.vogstream.core.onnx.OnnxFiles.write(model.toBuilder().setGraph(graph).build(), copy);
            out.add(copy);
        }
        return out;
    }

    /**
     * Perpendicular distance to the boundary z₁ = z₀, to first order: |z₁ − z₀| / ‖∇(z₁ − z₀)‖,
     * exact where the piecewise-linear network is linear between the point and the boundary.
     */
    static double[] boundaryDistance(Path checkpoint, LabeledImages points) {
        var gradient = new VogCompiler().compileGradient(Checkpoint.read(checkpoint), Optional.empty());
        int n = points.count();
        try (OnnxSession session = OnnxSession.load("toy-gradient", gradient, ScorerConfig.defaults())) {
            float[][] grads = new float[2][];
            float[] logits = null;
            for (int c = 0; c < 2; c++) {
                long[] target = new long[n];
                java.util.Arrays.fill(target, c);
                int cls = c;
                float[][] out = session.run(m -> {
                    NDArray x = m.create(FloatBuffer.wrap(points.values()), new Shape(n, 2));
                    x.setName("input");
                    NDArray t = m.create(target);
                    t.setName("target");
                    return new NDList(x, t);
                }, o -> new float[][] {o.get("grad").toFloatArray(), o.get("logits").toFloatArray()});
                grads[cls] = out[0];
                logits = out[1];
            }
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                double margin = logits[2 * i + 1] - logits[2 * i];
                double gx = grads[1][2 * i] - grads[0][2 * i];
                double gy = grads[1][2 * i + 1] - grads[0][2 * i + 1];
                d[i] = Math.abs(margin) / Math.max(1e-12, Math.hypot(gx, gy));
            }
            return d;
        }
    }

    /** Fig. 1a: test points coloured by VoG, the learned boundary drawn. */
    static void draw(Path checkpoint, LabeledImages points, double[] vog, Path file) throws IOException {
        int size = 640;
        int margin = 40;
        double lo = -6;
        double hi = 6;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        int grid = size - 2 * margin;
        float[] cells = new float[grid * grid * 2];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                cells[2 * (r * grid + c)] = (float) (lo + (hi - lo) * c / (grid - 1));
                cells[2 * (r * grid + c) + 1] = (float) (hi - (hi - lo) * r / (grid - 1));
            }
        }
        float[] logits;
        try (OnnxSession forward = OnnxSession.load("toy-forward", Checkpoint.read(checkpoint).model(), ScorerConfig.defaults())) {
            logits = forward.run(m -> {
                NDArray x = m.create(FloatBuffer.wrap(cells), new Shape(grid * grid, 2));
                x.setName("input");
                return new NDList(x);
            }, o -> o.get(0).toFloatArray());
        }
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                boolean one = logits[2 * (r * grid + c) + 1] > logits[2 * (r * grid + c)];
                image.setRGB(margin + c, margin + r, one ? 0xEEF3FA : 0xFAF1EC);
                if (c > 0 && one != (logits[2 * (r * grid + c - 1) + 1] > logits[2 * (r * grid + c - 1)])) {
                    g.setColor(Color.DARK_GRAY);
                    g.fillRect(margin + c - 1, margin + r - 1, 3, 3);
                }
            }
        }
        double max = java.util.Arrays.stream(vog).max().orElse(1);
        double min = java.util.Arrays.stream(vog).min().orElse(0);
        for (int i = 0; i < points.count(); i++) {
            float[] p = points.example(i);
            int x = margin + (int) Math.round((p[0] - lo) / (hi - lo) * (grid - 1));
            int y = margin + (int) Math.round((hi - p[1]) / (hi - lo) * (grid - 1));
            g.setColor(heat((vog[i] - min) / Math.max(1e-12, max - min)));
            g.fillOval(x - 5, y - 5, 10, 10);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(0.6f));
            g.drawOval(x - 5, y - 5, 10, 10);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(String.format(Locale.ROOT, "VoG of test points over %d checkpoints (dark: low, yellow: high); grey line: boundary",
                EPOCHS), margin, margin - 14);
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** Dark blue (0) through red to yellow (1). */
    static Color heat(double t) {
        t = Math.max(0, Math.min(1, t));
        float r = (float) Math.min(1, 2 * t);
        float gr = (float) Math.max(0, 2 * t - 1);
        float b = (float) Math.max(0, 0.5 - t);
        return new Color(r, gr, b + 0.1f > 1 ? 1 : b + 0.1f);
    }
}
