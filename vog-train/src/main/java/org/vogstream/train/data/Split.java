package org.vogstream.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A deterministic stratified train/test split: each class's examples are shuffled with the seed
 * and a share of them goes to the test set, so both sets keep the class proportions.
 *
 * @param train training examples
 * @param test test examples
 */
public record Split(LabeledImages train, LabeledImages test) {
    /** {@code testFraction} of each class, rounded per class, goes to the test set. */
    public static Split stratified(LabeledImages all, double testFraction, long seed) {
        List<List<Integer>> members = byClass(all);
        int[] testCounts = new int[members.size()];
        for (int c = 0; c < testCounts.length; c++) {
            testCounts[c] = (int) Math.round(members.get(c).size() * testFraction);
        }
        return split(all, members, testCounts, seed);
    }

    /**
     * Exactly {@code testCount} examples go to the test set, shared among the classes in proportion
     * to their sizes (largest remainders get the leftover ones, lower classes first on ties).
     */
    public static Split stratified(LabeledImages all, int testCount, long seed) {
        if (testCount < 0 || testCount > all.count()) {
            throw new IllegalArgumentException("cannot hold out " + testCount + " of " + all.count() + " examples");
        }
        List<List<Integer>> members = byClass(all);
        int[] testCounts = new int[members.size()];
        long[] remainders = new long[members.size()];
        int given = 0;
        for (int c = 0; c < testCounts.length; c++) {
            long share = (long) members.get(c).size() * testCount;
            testCounts[c] = (int) (share / all.count());
            remainders[c] = share % all.count();
            given += testCounts[c];
        }
        for (; given < testCount; given++) {
            int best = 0;
            for (int c = 1; c < remainders.length; c++) {
                best = remainders[c] > remainders[best] ? c : best;
            }
            testCounts[best]++;
            remainders[best] = -1;
        }
        return split(all, members, testCounts, seed);
    }

    private static List<List<Integer>> byClass(LabeledImages all) {
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < all.classes(); c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < all.count(); i++) {
            members.get(all.labels()[i]).add(i);
        }
        return members;
    }

    private static Split split(LabeledImages all, List<List<Integer>> members, int[] testCounts, long seed) {
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            List<Integer> m = members.get(c);
            Collections.shuffle(m, random);
            test.addAll(m.subList(0, testCounts[c]));
            train.addAll(m.subList(testCounts[c], m.size()));
        }
        // interleave classes so a prefix of either set is a fair sample
        Collections.shuffle(train, random);
        Collections.shuffle(test, random);
        return new Split(all.select(train.stream().mapToInt(Integer::intValue).toArray()),
                all.select(test.stream().mapToInt(Integer::intValue).toArray()));
    }
}
