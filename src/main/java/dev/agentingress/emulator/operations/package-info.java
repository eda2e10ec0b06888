/** What operators see: readiness, the log line that says the emulator is ready, and the container health check. */
@NullMarked
package dev.agentingress.emulator.operations;

import org.jspecify.annotations.NullMarked;
