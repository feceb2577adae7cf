package dev.flowsweep.json;

/** {@link RetentionFilterJsonCases} on the Jackson 2 binding. */
class RetentionFilterJsonTest extends RetentionFilterJsonCases {
    @Override
    protected JsonEngine engine() {
        return new Jackson2Engine();
    }
}
