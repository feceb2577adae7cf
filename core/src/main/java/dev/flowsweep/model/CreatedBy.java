package dev.flowsweep.model;

import java.util.UUID;

/**
 * Who created a flow run, as Prefect records it ({@code {"id", "type", "display_value"}}); every part may be null.
 */
public record CreatedBy(UUID id, String type, String displayValue) {
    public CreatedBy {
        Limits.name(type, "created_by.type");
        Limits.checkLength(displayValue, Limits.MAX_DISPLAY_VALUE_LENGTH, "created_by.display_value");
    }
}
