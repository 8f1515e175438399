/**
 * Input data: inference events (the JSON record of docs/design.md §3, also one per line in JSONL
 * files) and NumPy {@code .npy} arrays, decoded with errors that say what is wrong and where.
 */
package org.vogstream.core.data;
