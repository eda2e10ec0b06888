/**
 * The request journal: the last requests each account made to ngrok's API, with headers (secrets redacted), bodies
 * (capped), status, timing and operation, for tests to assert what their client really sent. Kept in the database,
 * so that every instance on it shares it, and bounded in entries per account, in accounts and in bytes.
 */
@NullMarked
package dev.agentingress.emulator.controls.journal;

import org.jspecify.annotations.NullMarked;
