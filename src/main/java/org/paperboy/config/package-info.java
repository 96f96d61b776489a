/**
 * Typed settings read from {@code PAPERBOY_*} environment variables (and an optional properties
 * file named by {@code PAPERBOY_CONFIG}), and the layout of the data directory. Imports no other
 * Paperboy package.
 */
package org.paperboy.config;
