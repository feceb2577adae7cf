package dev.flowsweep.json.jackson2;

import dev.flowsweep.json.JsonEngine;
import dev.flowsweep.json.StrictnessCases;

/** {@link StrictnessCases} on the Jackson 2 binding. */
class StrictnessTest extends StrictnessCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
