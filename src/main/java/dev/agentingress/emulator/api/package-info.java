@NullMarked
package dev.agentingress.emulator.api;

import org.jspecify.annotations.NullMarked;
