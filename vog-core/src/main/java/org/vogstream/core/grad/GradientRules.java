package org.vogstream.core.grad;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Gradient rules by op type ({@link org.vogstream.core.grad.rules.StandardRules} lists the shipped ones). */
public final class GradientRules {
    private final Map<String, GradientRule> byOp;

    private GradientRules(Map<String, GradientRule> byOp) {
        this.byOp = byOp;
    }

    public Optional<GradientRule> forOp(String opType) {
        return Optional.ofNullable(byOp.get(opType));
    }

    /** The differentiable op types, sorted. */
    public SortedSet<String> supportedOps() {
        return new TreeSet<>(byOp.keySet());
    }

    /** The table op type → rule, filled one rule at a time; an op given twice is an error. */
    public static final class Builder {
        private final Map<String, GradientRule> byOp = new TreeMap<>();

        /** Registers the rule for each of the op types. */
        public Builder on(GradientRule rule, String... opTypes) {
            for (String op : opTypes) {
                if (byOp.put(op, rule) != null) {
                    throw new IllegalArgumentException("two gradient rules for " + op);
                }
            }
            return this;
        }

        public GradientRules build() {
            return new GradientRules(new TreeMap<>(byOp));
        }
    }
}
