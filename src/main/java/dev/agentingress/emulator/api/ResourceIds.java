package dev.agentingress.emulator.api;

/** ngrok resource IDs: {@code <prefix>_<KSUID>}, e.g. {@code agin_32ELHcC7y5A5ZDbW5prn13UplVf}. */
public final class ResourceIds {

    private ResourceIds() {
    }

    public static boolean isWellFormed(String id, String prefix) {
        return id.length() == prefix.length() + 1 + Ksuid.ENCODED_LENGTH && id.startsWith(prefix + "_")
                && Ksuid.isWellFormed(id.substring(prefix.length() + 1));
    }
}
