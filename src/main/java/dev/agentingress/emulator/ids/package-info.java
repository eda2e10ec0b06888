/**
 * ngrok's resource IDs: KSUIDs, their generation in creation order and the check of an ID's shape. Plain Java.
 */
@NullMarked
package dev.agentingress.emulator.ids;

import org.jspecify.annotations.NullMarked;
