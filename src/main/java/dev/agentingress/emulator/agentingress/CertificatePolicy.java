package dev.agentingress.emulator.agentingress;

/** A stored certificate management policy, both values filled in. */
record CertificatePolicy(String authority, String privateKeyType) {
}
