/**
 * The emulator's own OpenAPI document of the ngrok API it serves, and the Swagger UI page over it (springdoc).
 */
@NullMarked
package dev.agentingress.emulator.openapi;

import org.jspecify.annotations.NullMarked;
