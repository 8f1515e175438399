package org.vogstream.app.testing;

import java.util.ArrayList;
import java.util.List;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.Scorer;

/**
 * The real scorer of a model set, with each score's VoG replaced by a value the test chooses:
 * predicted class, MSP, max logit and energy stay the real ones, so an event can be put exactly
 * at, just above or just below a threshold. Does not close the scorer it wraps.
 */
public final class PinnedScorer implements Scorer {
    private final Scorer real;
    private volatile double vog;

    public PinnedScorer(Scorer real, double vog) {
        this.real = real;
        this.vog = vog;
    }

    /** The VoG every following score carries. */
    public void pin(double value) {
        vog = value;
    }

    @Override
    public ModelSet modelSet() {
        return real.modelSet();
    }

    @Override
    public List<Score> score(List<float[]> examples) {
        List<Score> out = new ArrayList<>(examples.size());
        double pinned = vog;
        for (Score s : real.score(examples)) {
            out.add(s.withVog(pinned));
        }
        return out;
    }

    @Override
    public void close() {}
}
