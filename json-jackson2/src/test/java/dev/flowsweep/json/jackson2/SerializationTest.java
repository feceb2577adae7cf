package dev.flowsweep.json.jackson2;

import dev.flowsweep.json.JsonEngine;
import dev.flowsweep.json.SerializationCases;

/** {@link SerializationCases} on the Jackson 2 binding. */
class SerializationTest extends SerializationCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
