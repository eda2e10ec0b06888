package dev.agentingress.emulator.agentingress;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** ngrok's {@code AgentIngressList}: absolute {@code uri} and {@code next_page_uri} (null on the last page). */
record AgentIngressListResponse(List<AgentIngressResponse> ingresses, String uri, @Nullable String nextPageUri) {
}
