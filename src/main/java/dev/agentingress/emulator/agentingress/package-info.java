@NullMarked
package dev.agentingress.emulator.agentingress;

import org.jspecify.annotations.NullMarked;
