package dev.flowsweep.service;

/** Outcome of {@link BulkDeleteService#deleteById}: the run was deleted by this call, or there was none. */
public enum DeleteByIdResult {
    DELETED,
    NOT_FOUND
}
