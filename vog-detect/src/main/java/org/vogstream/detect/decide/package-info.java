/**
 * The detector of docs/design.md §1b: what decides an alert. Per (model set, predicted class) a
 * reference set gives the per-cell mean and spread of the VoG map, and the reference
 * distributions of the map score, of the negated energy and of their Fisher fusion; an example is
 * scored against them into {@link org.vogstream.detect.decide.Detection}. No Kafka here: streaming
 * and the offline commands share it.
 */
package org.vogstream.detect.decide;
