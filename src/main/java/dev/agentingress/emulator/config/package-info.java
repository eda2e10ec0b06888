@NullMarked
package dev.agentingress.emulator.config;

import org.jspecify.annotations.NullMarked;
