/**
 * The models the application scores with, by name: the model set in force of each, new sets found
 * in its checkpoint directory and swapped in, and sets calibrated on a reference set.
 */
package org.vogstream.app.model;
