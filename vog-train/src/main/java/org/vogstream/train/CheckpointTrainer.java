package org.vogstream.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.model.Architecture;
import org.vogstream.train.model.OnnxExporter;

/**
 * Trains an {@link Architecture} with SGD on DJL's PyTorch engine and writes an ONNX checkpoint
 * after every epoch ({@code ck-001.onnx}, ...): the checkpoint sets VoG is computed over.
 */
public final class CheckpointTrainer {
    /**
     * @param architecture what to train
     * @param epochs epochs (one checkpoint each)
     * @param learningRate SGD step
     * @param momentum SGD momentum
     * @param batchSize examples per step
     * @param seed seeds initialization and shuffling (runs are repeatable for a fixed thread count)
     */
    public record Config(Architecture architecture, int epochs, float learningRate, float momentum, int batchSize,
            long seed) {}

    /** What one epoch gave. */
    public record EpochResult(int epoch, double loss, double trainAccuracy, double testAccuracy, Path checkpoint) {}

    /** Hears about progress within an epoch and each finished epoch (with the trained block). */
    public interface Listener {
        default void progress(int epoch, int done, int total) {}

        default void epochDone(EpochResult result, Block block) {}
    }

    private CheckpointTrainer() {}

    public static List<EpochResult> train(Config config, LabeledImages train, LabeledImages test, Path outDir,
            Listener listener) throws IOException {
        Engine engine = TorchRuntime.engine();
        engine.setRandomSeed((int) config.seed());
        Files.createDirectories(outDir);
        Architecture arch = config.architecture();
        List<EpochResult> results = new ArrayList<>();
        try (Model model = Model.newInstance(arch.name(), Device.cpu(), "PyTorch")) {
            model.setBlock(arch.toBlock());
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(config.learningRate()))
                            .optMomentum(config.momentum()).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(trainingConfig); NDManager data = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(Shapes.withBatch(config.batchSize(), arch.exampleDims())));
                ArrayDataset dataset = new ArrayDataset.Builder()
                        .setData(data.create(train.values(), new Shape(Shapes.withBatch(train.count(), arch.exampleDims()))))
                        .optLabels(data.create(toFloats(train.labels())))
                        .setSampling(config.batchSize(), true).build();
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    double lossSum = 0;
                    int seen = 0;
                    for (Batch batch : trainer.iterateDataset(dataset)) {
                        try (batch; GradientCollector collector = trainer.newGradientCollector()) {
                            NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
                            NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), predictions);
                            collector.backward(loss);
                            lossSum += loss.getFloat() * batch.getSize();
                            seen += batch.getSize();
                        }
                        trainer.step();
                        listener.progress(epoch, seen, train.count());
                    }
                    Path checkpoint = outDir.resolve(String.format("ck-%03d.onnx", epoch));
                    OnnxFiles.write(OnnxExporter.export(arch, model.getBlock(), train.classes()), checkpoint);
                    EpochResult result = new EpochResult(epoch, lossSum / seen, accuracy(trainer, train),
                            accuracy(trainer, test), checkpoint);
                    results.add(result);
                    listener.epochDone(result, model.getBlock());
                }
            } catch (TranslateException e) {
                throw new IOException("training " + arch.name() + " failed: " + e.getMessage(), e);
            }
        }
        return results;
    }

    /** Accuracy with the block in inference mode (dropout off, batch-norm running statistics). */
    static double accuracy(Trainer trainer, LabeledImages set) {
        int correct = 0;
        int step = 500;
        try (NDManager m = trainer.getManager().newSubManager()) {
            for (int start = 0; start < set.count(); start += step) {
                int n = Math.min(step, set.count() - start);
                float[] x = java.util.Arrays.copyOfRange(set.values(), start * set.exampleSize(), (start + n) * set.exampleSize());
                NDArray input = m.create(x, new Shape(Shapes.withBatch(n, set.exampleDims())));
                long[] predicted = trainer.evaluate(new NDList(input)).singletonOrThrow().argMax(1).toLongArray();
                for (int i = 0; i < n; i++) {
                    correct += predicted[i] == set.labels()[start + i] ? 1 : 0;
                }
            }
        }
        return (double) correct / set.count();
    }

    private static float[] toFloats(int[] labels) {
        float[] f = new float[labels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = labels[i];
        }
        return f;
    }
}
