package dev.flowsweep.json;

/** {@link BulkDeleteRequestJsonCases} on the Jackson 2 binding. */
class BulkDeleteRequestJsonTest extends BulkDeleteRequestJsonCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
