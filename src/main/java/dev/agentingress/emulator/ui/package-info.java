/**
 * The dashboard at {@code /_emulator/ui}: one page, one script and one style sheet, served as they are. The page holds
 * no state of the server's; it signs in with the account's key and calls the same API and controls a test does.
 */
@NullMarked
package dev.agentingress.emulator.ui;

import org.jspecify.annotations.NullMarked;
