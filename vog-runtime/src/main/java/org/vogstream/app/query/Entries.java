package org.vogstream.app.query;

import java.util.List;

/**
 * What the API asks of the stores. Every answer covers the window that ends at {@code at} (epoch
 * milliseconds), so instances asked by another answer for the asker's moment.
 */
public interface Entries {
    /** The {@code limit} events of the class with the highest {@code ood_score}, highest first. */
    List<RecentEntry> hardest(String model, int cls, int limit, long at);

    /** The same over all classes of the model. */
    List<RecentEntry> hardest(String model, int limit, long at);

    /** The {@code limit} newest alerts, of one model and class, of one model ({@code cls} null) or of all (both null). */
    List<RecentEntry> alerts(String model, Integer cls, int limit, long at);
}
