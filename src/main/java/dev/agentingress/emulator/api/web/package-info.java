/**
 * The HTTP plumbing in front of every handler: the servlet filters (operation ID, routing, CORS, key, version, rate
 * and concurrency limits, body reading) in their order, and the Tomcat valves and web configuration they need.
 */
@NullMarked
package dev.agentingress.emulator.api.web;

import org.jspecify.annotations.NullMarked;
