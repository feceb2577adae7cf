package dev.flowsweep.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.flowsweep.model.StateType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import static dev.flowsweep.model.Limits.MAX_NAME_LENGTH;

/**
 * A run's state as Prefect's client sends it, {@code {"type", "name"?}}, and how it combines with the flat
 * {@code "state_type"}/{@code "state_name"} of Flowsweep's output, so that a written run reads back equal.
 */
@JsonTypeName("State")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StateJson(@NotNull StateType type, @Size(max = MAX_NAME_LENGTH) String name) {

    /** The state of a run with this type and name; null without a type. */
    public static StateJson of(StateType type, String name) {
        return type == null ? null : new StateJson(type, name);
    }

    /**
     * The state of a body (null for none): {@code state}, else the flat fields, which must agree with it
     * ({@code value_error} otherwise); with {@code defaultName}, a missing name is the type's default.
     */
    public static StateJson resolve(StateJson state, StateType type, String name, boolean defaultName) {
        if (state == null) {
            if (type == null && name != null) {
                throw new JsonValueException(JsonProblem.VALUE_ERROR,
                        "Value error, state_name needs a state type: give state_type or state", "state_name");
            }
            return of(type, name == null && defaultName && type != null ? type.defaultName() : name);
        }
        String stateName = state.name() != null || !defaultName ? state.name() : state.type().defaultName();
        if (type != null && type != state.type()) {
            throw new JsonValueException(JsonProblem.VALUE_ERROR, "Value error, state_type " + Wire.quote(type.name())
                    + " disagrees with state.type " + Wire.quote(state.type().name()), "state_type");
        }
        if (name != null && !name.equals(stateName)) {
            throw new JsonValueException(JsonProblem.VALUE_ERROR, "Value error, state_name " + Wire.quote(name)
                    + " disagrees with the state's name " + Wire.quote(String.valueOf(stateName)), "state_name");
        }
        return new StateJson(state.type(), stateName);
    }
}
