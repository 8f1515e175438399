/** What every command line of the project shares: one-line errors, usage when no subcommand is given. */
package org.vogstream.core.cli;
