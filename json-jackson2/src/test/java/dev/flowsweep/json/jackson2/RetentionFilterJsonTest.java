package dev.flowsweep.json.jackson2;

import dev.flowsweep.json.JsonEngine;
import dev.flowsweep.json.RetentionFilterJsonCases;

/** {@link RetentionFilterJsonCases} on the Jackson 2 binding. */
class RetentionFilterJsonTest extends RetentionFilterJsonCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
