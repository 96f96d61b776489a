/**
 * The web server: the Javalin app factory, routes, handlers, feeds, the JSON API and the typed
 * models of the jte pages. It builds no service of another package: the composition root ({@code
 * org.paperboy.Paperboy}) hands it the services, and every list it shows comes from the list
 * service. May import {@code backup} (a reader's own export), {@code config}, {@code paper}, {@code
 * search}, {@code community}, {@code trending}, {@code lists}, {@code digest}, {@code foryou},
 * {@code jobs} (the Sources page), {@code mail} (for its HTML escaper) and {@code ops} (health and
 * metrics it serves).
 */
package org.paperboy.web;
