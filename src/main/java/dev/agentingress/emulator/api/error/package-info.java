/**
 * ngrok's error envelope and everything that renders it: the catalogue of ngrok's errors, the one writer, the
 * exception handler, the replacement of {@code /error} and of Tomcat's own error report, and what they read of a
 * request (its operation ID, the limits they name). It depends on no other package of the API.
 */
@NullMarked
package dev.agentingress.emulator.api.error;

import org.jspecify.annotations.NullMarked;
