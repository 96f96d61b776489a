/**
 * The web server: the Javalin app factory, routes, handlers and the typed models of the jte pages.
 * Builds pages from the same services the command line uses. May import every feature package, but
 * not {@code org.paperboy.Main}.
 */
package org.paperboy.web;
