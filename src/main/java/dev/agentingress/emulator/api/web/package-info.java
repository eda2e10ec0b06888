/**
 * The HTTP plumbing in front of every handler: the servlet filters (operation ID, routing, CORS, key, version, rate
 * and concurrency limits, body reading) in their order, the Tomcat valves and web configuration they need, and, at
 * the handler, the operator and query checks and the arguments resolved from the request. Feature packages use none
 * of it directly.
 */
@NullMarked
package dev.agentingress.emulator.api.web;

import org.jspecify.annotations.NullMarked;
