package dev.flowsweep.json.jackson2;

import dev.flowsweep.json.BulkDeleteRequestJsonCases;
import dev.flowsweep.json.JsonEngine;

/** {@link BulkDeleteRequestJsonCases} on the Jackson 2 binding. */
class BulkDeleteRequestJsonTest extends BulkDeleteRequestJsonCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
