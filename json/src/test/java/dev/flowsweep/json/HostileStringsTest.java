package dev.flowsweep.json;

/** {@link HostileStringsCases} on the Jackson 2 binding. */
class HostileStringsTest extends HostileStringsCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
