/**
 * Evaluation of the {@code filter} query parameter of list endpoints: a CEL expression over one ingress,
 * {@code obj}, restricted to what ngrok's API filtering documents.
 */
@NullMarked
package dev.agentingress.emulator.agentingress.filter;

import org.jspecify.annotations.NullMarked;
