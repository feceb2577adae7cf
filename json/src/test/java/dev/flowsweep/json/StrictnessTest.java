package dev.flowsweep.json;

/** {@link StrictnessCases} on the Jackson 2 binding. */
class StrictnessTest extends StrictnessCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
