package dev.flowsweep.model;

/**
 * The type of a run's state, as Prefect names it. Serialized as the upper-case constant name.
 */
public enum StateType {
    SCHEDULED,
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    CRASHED,
    PAUSED,
    CANCELLING;

    /**
     * Whether a flow run in this state holds a concurrency slot of its deployment's limit:
     * {@code PENDING}, {@code RUNNING} and {@code CANCELLING} do, the other six do not.
     */
    public boolean holdsConcurrencySlot() {
        return this == PENDING || this == RUNNING || this == CANCELLING;
    }

    /** Whether the state is final: {@code COMPLETED}, {@code FAILED}, {@code CANCELLED}, {@code CRASHED}. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == CRASHED;
    }

    /** Prefect's default state name for the type, e.g. {@code Pending} for {@code PENDING}. */
    public String defaultName() {
        String n = name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
