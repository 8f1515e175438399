/** The 15 MNIST-C corruptions (Mu & Gilmer 2019), re-implemented from their recipes, seeded. */
package org.vogstream.train.corrupt;
