package dev.flowsweep.validation;

/** The batch size of a drain, as a bean so that it is validated like {@code limit} (property path {@code batchSize}). */
record DrainBatchSize(int batchSize) {
}
