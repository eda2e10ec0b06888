/** The clock control: freeze or move the time an account (or, for the operator, everyone) sees. */
@NullMarked
package dev.agentingress.emulator.controls.clock;

import org.jspecify.annotations.NullMarked;
