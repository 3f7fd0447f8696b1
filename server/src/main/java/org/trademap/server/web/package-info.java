/**
 * What every page and endpoint shares: the home page, the error responses (RFC 7807 problem details
 * for the API and for non-browser clients, a friendly HTML page for browsers), the request size
 * limit and the OpenAPI description.
 *
 * <p>A request fails with a stable code by throwing {@link
 * org.trademap.server.web.ProblemException}; titles and sentences for the codes live in {@code
 * messages.properties} under {@code problem.<code>.title} and {@code problem.<code>.detail}.
 */
@NullMarked
package org.trademap.server.web;

import org.jspecify.annotations.NullMarked;
