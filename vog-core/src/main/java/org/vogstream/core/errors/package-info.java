/** Failures of command-line jobs as the one line their command prints (shared by {@code vog} and {@code vog-train}). */
package org.vogstream.core.errors;
