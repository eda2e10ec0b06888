package dev.agentingress.emulator.agentingress;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The export: the JSON of {@link AgentIngressListResponse} (same names, same key order) with every ingress of the
 * account and no next page. The ingresses are a stream that reads rows a batch at a time while Jackson writes them
 * item by item to the response, so an export never holds the whole account, however big.
 */
record AgentIngressExport(Stream<AgentIngressResponse> ingresses, String uri, @Nullable String nextPageUri) {
}
