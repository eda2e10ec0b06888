/**
 * Fault injection for tests of ngrok API clients: failures and delays asked for per request (the
 * {@code Ngrok-Emulator-Fault} header) or per account ({@code /_emulator/faults} rules), answered in ngrok's envelope
 * before the operation runs, so an injected failure never changes state.
 */
@NullMarked
package dev.agentingress.emulator.controls.faults;

import org.jspecify.annotations.NullMarked;
