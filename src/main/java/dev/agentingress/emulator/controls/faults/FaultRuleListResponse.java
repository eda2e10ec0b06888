package dev.agentingress.emulator.controls.faults;

import java.util.List;

/** The caller's fault rules, oldest (the first to be tried) first. */
record FaultRuleListResponse(List<FaultRuleResponse> faults) {
}
