package org.vogstream.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A deterministic stratified train/test split: each class's examples are shuffled with the seed
 * and the given fraction of them goes to the test set, so both sets keep the class proportions.
 *
 * @param train training examples
 * @param test test examples
 */
public record Split(LabeledImages train, LabeledImages test) {
    public static Split stratified(LabeledImages all, double testFraction, long seed) {
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < all.classes(); c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < all.count(); i++) {
                if (all.labels()[i] == c) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            int testCount = (int) Math.round(members.size() * testFraction);
            test.addAll(members.subList(0, testCount));
            train.addAll(members.subList(testCount, members.size()));
        }
        // interleave classes so a prefix of either set is a fair sample
        Collections.shuffle(train, random);
        Collections.shuffle(test, random);
        return new Split(all.select(train.stream().mapToInt(Integer::intValue).toArray()),
                all.select(test.stream().mapToInt(Integer::intValue).toArray()));
    }
}
