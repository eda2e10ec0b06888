/**
 * What every feature package uses of ngrok's API contract: what a path is ({@link PathKind}), the caller's account,
 * the strict query and page parameters and how a handler declares them ({@link AcceptsQuery}), the operator's
 * controls ({@link OperatorOnly}), public URLs, the operation names, the hook for interceptors of ngrok's operations,
 * and the parking of requests that wait.
 */
@NullMarked
package dev.agentingress.emulator.api;

import org.jspecify.annotations.NullMarked;
