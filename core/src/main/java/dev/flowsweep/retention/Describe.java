package dev.flowsweep.retention;

/** How retention reports an error in a run's message and its log lines. */
final class Describe {
    private static final int MAX_MESSAGE_LENGTH = 500;

    private Describe() {
    }

    /** The error and up to two causes, cut to 500 characters. */
    static String error(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && cause != e && depth < 2; depth++, cause = cause.getCause()) {
            sb.append(" <- ").append(cause);
        }
        return sb.length() > MAX_MESSAGE_LENGTH ? sb.substring(0, MAX_MESSAGE_LENGTH - 1) + "…" : sb.toString();
    }
}
