package dev.agentingress.emulator.controls.journal;

/**
 * A data change statement that also answers rows, in one round trip, as each database writes it: PostgreSQL with
 * {@code RETURNING}, H2 with a data change delta table ({@code FINAL TABLE} after an update, {@code OLD TABLE} for
 * what a delete removed).
 */
final class ChangeReturning {

    private final boolean postgresql;

    ChangeReturning(boolean postgresql) {
        this.postgresql = postgresql;
    }

    /** {@code columns} of the rows {@code update} changed, as they are after it. */
    String update(String update, String columns) {
        return postgresql ? update + " RETURNING " + columns
                : "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
    }

    /**
     * {@code aggregates} (e.g. {@code COUNT(*)}) over the rows {@code delete} removed, of the {@code columns} they
     * name: always one row.
     */
    String delete(String delete, String columns, String aggregates) {
        return postgresql
                ? "WITH removed AS (" + delete + " RETURNING " + columns + ") SELECT " + aggregates + " FROM removed"
                : "SELECT " + aggregates + " FROM OLD TABLE (" + delete + ")";
    }
}
