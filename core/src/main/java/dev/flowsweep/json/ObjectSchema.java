package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A strict JSON object: known keys only ({@code extra_forbidden}), each at most once ({@code duplicate_key}),
 * required keys present ({@code missing}). A JSON {@code null} for an optional key means "not given"; for a
 * required key it is refused by the key's reader. The object is built only when no problem was found inside it;
 * an {@link IllegalArgumentException} from the constructor becomes a {@code value_error} at the object's path.
 *
 * <pre>{@code
 * ObjectSchema.Builder<IdFilter> b = ObjectSchema.builder("FlowRunFilterId");
 * Field<List<UUID>> any = b.optional("any_", Readers.listOf(Readers.UUID_STRING));
 * ObjectSchema<IdFilter> schema = b.build(v -> new IdFilter(v.get(any), null));
 * }</pre>
 */
final class ObjectSchema<T> implements ValueReader<T> {

    /** Builds the object from its values; may report cross-field problems through {@link Values#problem}. */
    interface Constructor<T> {
        T build(Values v) throws FlowsweepJsonException;
    }

    /** One key of an object. */
    static final class Field<V> {
        final String name;
        final ValueReader<V> reader;
        final boolean required;
        final int index;

        private Field(String name, ValueReader<V> reader, boolean required, int index) {
            this.name = name;
            this.reader = reader;
            this.required = required;
            this.index = index;
        }
    }

    private final String title;
    private final List<Field<?>> fields;
    private final Map<String, Field<?>> byName;
    private final String names;
    private final Constructor<T> constructor;

    private ObjectSchema(String title, List<Field<?>> fields, Constructor<T> constructor) {
        this.title = title;
        this.fields = List.copyOf(fields);
        this.byName = new HashMap<>();
        StringJoiner j = new StringJoiner(", ");
        for (Field<?> f : fields) {
            byName.put(f.name, f);
            j.add(f.name);
        }
        this.names = j.toString();
        this.constructor = constructor;
    }

    static <T> Builder<T> builder(String title) {
        return new Builder<>(title);
    }

    /** Declares the keys, then the constructor. */
    static final class Builder<T> {
        private final String title;
        private final List<Field<?>> fields = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        <V> Field<V> optional(String name, ValueReader<V> reader) {
            return add(name, reader, false);
        }

        <V> Field<V> required(String name, ValueReader<V> reader) {
            return add(name, reader, true);
        }

        private <V> Field<V> add(String name, ValueReader<V> reader, boolean required) {
            for (Field<?> f : fields) {
                if (f.name.equals(name)) {
                    throw new IllegalStateException(title + " declares " + name + " twice");
                }
            }
            Field<V> f = new Field<>(name, reader, required, fields.size());
            fields.add(f);
            return f;
        }

        ObjectSchema<T> build(Constructor<T> constructor) {
            return new ObjectSchema<>(title, fields, constructor);
        }
    }

    @Override
    public String expected() {
        return "an object (" + title + ")";
    }

    /** The keys, comma-separated, for messages. */
    String fieldNames() {
        return names;
    }

    @Override
    public T read(WireReader r) throws IOException {
        JsonToken t = r.parser().currentToken();
        if (t == JsonToken.START_OBJECT) {
            t = r.next();
        } else if (t != JsonToken.FIELD_NAME) {
            return r.wrongType(JsonProblem.DICT_TYPE, expected());
        }
        int before = r.problemCount();
        Object[] values = new Object[fields.size()];
        boolean[] present = new boolean[fields.size()];
        for (; t == JsonToken.FIELD_NAME; t = r.next()) {
            String name = r.parser().currentName();
            JsonToken valueToken = r.next();
            Field<?> f = byName.get(name);
            r.push(name);
            if (f == null) {
                r.problem(JsonProblem.EXTRA_FORBIDDEN, "Extra inputs are not permitted: " + title + " has no field "
                        + WireReader.quote(name) + " (expected " + names + ")");
                r.skipValue();
            } else if (present[f.index]) {
                r.problem(JsonProblem.DUPLICATE_KEY, "Duplicate key " + WireReader.quote(name)
                        + ": a key may appear only once in an object");
                r.skipValue();
            } else {
                present[f.index] = true;
                values[f.index] = valueToken == JsonToken.VALUE_NULL && !f.required ? null : f.reader.read(r);
            }
            r.pop();
        }
        for (Field<?> f : fields) {
            if (f.required && !present[f.index]) {
                r.problemAt(f.name, JsonProblem.MISSING, "Field required: " + title + " needs "
                        + WireReader.quote(f.name) + ", " + f.reader.expected());
            }
        }
        if (r.problemCount() > before) {
            return null;
        }
        Values v = new Values(r, values, present);
        T built;
        try {
            built = constructor.build(v);
        } catch (IllegalArgumentException | NullPointerException e) {
            r.problem(JsonProblem.VALUE_ERROR, "Value error, " + e.getMessage());
            return null;
        }
        return r.problemCount() > before ? null : built;
    }

    /** The values read for one object, by field. */
    static final class Values {
        private final WireReader reader;
        private final Object[] values;
        private final boolean[] present;

        private Values(WireReader reader, Object[] values, boolean[] present) {
            this.reader = reader;
            this.values = values;
            this.present = present;
        }

        /** The value, or null when the key was absent or null. */
        @SuppressWarnings("unchecked")
        <V> V get(Field<V> f) {
            return (V) values[f.index];
        }

        /** The value, or {@code fallback} when the key was absent or null. */
        <V> V get(Field<V> f, V fallback) {
            V v = get(f);
            return v == null ? fallback : v;
        }

        /** Whether the key appeared, even with a null value. */
        boolean present(Field<?> f) {
            return present[f.index];
        }

        /** Reports a problem at this object's path plus {@code f}'s key. */
        void problem(Field<?> f, String type, String msg) throws FlowsweepJsonException {
            reader.problemAt(f.name, type, msg);
        }
    }
}
