package org.vogstream.core.grad;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Gradient rules by op type ({@link org.vogstream.core.grad.rules.StandardRules} lists the shipped ones). */
public final class GradientRules {
    private final Map<String, GradientRule> byOp = new TreeMap<>();

    public GradientRules(List<GradientRule> rules) {
        for (GradientRule rule : rules) {
            for (String op : rule.opTypes()) {
                if (byOp.put(op, rule) != null) {
                    throw new IllegalArgumentException("two gradient rules for " + op);
                }
            }
        }
    }


    public Optional<GradientRule> forOp(String opType) {
        return Optional.ofNullable(byOp.get(opType));
    }

    /** The differentiable op types, sorted. */
    public SortedSet<String> supportedOps() {
        return new TreeSet<>(byOp.keySet());
    }
}
