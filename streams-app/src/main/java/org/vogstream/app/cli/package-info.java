/** The {@code vog} command line. */
package org.vogstream.app.cli;
