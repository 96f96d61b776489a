/**
 * Typed settings read from {@code PAPERBOY_*} environment variables (and an optional properties
 * file named by {@code PAPERBOY_CONFIG}), and the layout of the data directory. Imports nothing
 * from the rest of Paperboy.
 */
package org.paperboy.config;
