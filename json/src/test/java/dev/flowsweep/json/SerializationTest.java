package dev.flowsweep.json;

/** {@link SerializationCases} on the Jackson 2 binding. */
class SerializationTest extends SerializationCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
