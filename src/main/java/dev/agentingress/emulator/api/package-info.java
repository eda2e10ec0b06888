/**
 * What every feature package uses of ngrok's API contract: the caller's account, the strict query and page
 * parameters, public URLs, the operation names and the hook for interceptors of ngrok's operations.
 */
@NullMarked
package dev.agentingress.emulator.api;

import org.jspecify.annotations.NullMarked;
