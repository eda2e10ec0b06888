package dev.agentingress.emulator.ids;

import java.time.Instant;

/** ngrok resource IDs: {@code <prefix>_<KSUID>}, e.g. {@code agin_32ELHcC7y5A5ZDbW5prn13UplVf}. */
public final class ResourceIds {

    private ResourceIds() {
    }

    /** The KSUID part of an ID. */
    public static String ksuidOf(String id) {
        return id.substring(id.indexOf('_') + 1);
    }

    /** The creation time an ID carries. */
    public static Instant timestampOf(String id) {
        return Ksuid.timestampOf(ksuidOf(id));
    }

    public static boolean isWellFormed(String id, String prefix) {
        return id.length() == prefix.length() + 1 + Ksuid.ENCODED_LENGTH && id.startsWith(prefix + "_")
                && Ksuid.isWellFormed(id.substring(prefix.length() + 1));
    }
}
