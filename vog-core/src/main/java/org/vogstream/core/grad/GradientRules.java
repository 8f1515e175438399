package org.vogstream.core.grad;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vogstream.core.grad.rules.ClipRule;
import org.vogstream.core.grad.rules.LeakyReluRule;
import org.vogstream.core.grad.rules.ReluRule;
import org.vogstream.core.grad.rules.SigmoidRule;
import org.vogstream.core.grad.rules.SoftmaxRule;
import org.vogstream.core.grad.rules.TanhRule;
import org.vogstream.core.grad.rules.BatchNormRule;
import org.vogstream.core.grad.rules.ConcatRule;
import org.vogstream.core.grad.rules.ConvRule;
import org.vogstream.core.grad.rules.ElementwiseArithmeticRule;
import org.vogstream.core.grad.rules.GemmRule;
import org.vogstream.core.grad.rules.GlobalAveragePoolRule;
import org.vogstream.core.grad.rules.MatMulRule;
import org.vogstream.core.grad.rules.AveragePoolRule;
import org.vogstream.core.grad.rules.MaxPoolRule;
import org.vogstream.core.grad.rules.PadRule;
import org.vogstream.core.grad.rules.PassThroughRule;
import org.vogstream.core.grad.rules.ReduceRule;
import org.vogstream.core.grad.rules.ReshapeLikeRule;
import org.vogstream.core.grad.rules.TransposeRule;

/** The gradient rules by op type. */
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

    /** Every rule this project ships. */
    public static GradientRules standard() {
        return new GradientRules(List.of(new GemmRule(), new MatMulRule(), new ElementwiseArithmeticRule(),
                new ReluRule(), new LeakyReluRule(), new ClipRule(),
                new SigmoidRule(), new TanhRule(), new SoftmaxRule(), new ConvRule(), new MaxPoolRule(),
                new AveragePoolRule(), new GlobalAveragePoolRule(), new ReduceRule(), new BatchNormRule(),
                new ReshapeLikeRule(), new TransposeRule(), new ConcatRule(), new PadRule(),
                new PassThroughRule()));
    }

    public Optional<GradientRule> forOp(String opType) {
        return Optional.ofNullable(byOp.get(opType));
    }

    /** The differentiable op types, sorted. */
    public SortedSet<String> supportedOps() {
        return new TreeSet<>(byOp.keySet());
    }
}
