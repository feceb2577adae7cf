package dev.flowsweep.json.jackson2;

import dev.flowsweep.json.HostileStringsCases;
import dev.flowsweep.json.JsonEngine;

/** {@link HostileStringsCases} on the Jackson 2 binding. */
class HostileStringsTest extends HostileStringsCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
