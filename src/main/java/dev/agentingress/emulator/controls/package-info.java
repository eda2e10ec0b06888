/**
 * The emulator's own test controls under {@code /_emulator}: what a test suite needs that ngrok's API does not have
 * (reset, clock, journal, faults), each acting on the caller's account, and the operator's variants behind the
 * admin token. Controls specific to one resource live beside it (e.g. agent ingress export and import).
 */
@NullMarked
package dev.agentingress.emulator.controls;

import org.jspecify.annotations.NullMarked;
