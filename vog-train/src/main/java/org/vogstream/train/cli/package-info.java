/** The {@code vog-train} command line. */
package org.vogstream.train.cli;
