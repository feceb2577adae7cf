package dev.flowsweep.jdbc.internal.sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A piece of SQL text together with the parameters its {@code ?} placeholders bind, in order. Fragments are
 * composed by appending one to another, so each part of a query writes its own text and binds its own values;
 * values never become part of the text.
 */
public final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final List<Param> params = new ArrayList<>();

    /** Empty SQL. */
    public Sql() {
    }

    /** SQL starting with this text (no parameters). */
    public static Sql of(String text) {
        return new Sql().append(text);
    }

    /** Appends literal SQL text (identifiers and keywords only, never a value). */
    public Sql append(String sqlText) {
        text.append(sqlText);
        return this;
    }

    /** Appends another fragment: its text and, after the ones already here, its parameters. */
    public Sql append(Sql other) {
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    /** Appends a {@code ?} placeholder bound to {@code value} (for an array type: a copy of the collection). */
    public Sql bind(SqlType type, Object value) {
        text.append('?');
        boolean array = type == SqlType.UUID_ARRAY || type == SqlType.TEXT_ARRAY;
        params.add(new Param(type, array ? List.copyOf((Collection<?>) value) : value));
        return this;
    }

    /** Appends a placeholder bound to a UUID (nullable). */
    public Sql uuid(UUID value) {
        return bind(SqlType.UUID, value);
    }

    /** Appends a placeholder bound to a string (nullable). */
    public Sql text(String value) {
        return bind(SqlType.TEXT, value);
    }

    /** Appends a placeholder bound to a time (nullable), stored in UTC. */
    public Sql time(Instant value) {
        return bind(SqlType.TIME, value);
    }

    /** Appends a placeholder bound to an int. */
    public Sql integer(int value) {
        return bind(SqlType.INTEGER, value);
    }

    /** Appends a placeholder bound to a boolean. */
    public Sql bool(boolean value) {
        return bind(SqlType.BOOLEAN, value);
    }

    /** The SQL text with {@code ?} placeholders. */
    public String text() {
        return text.toString();
    }

    /** The parameters, in placeholder order. */
    public List<Param> params() {
        return Collections.unmodifiableList(params);
    }

    /** Whether no text has been appended. */
    public boolean isEmpty() {
        return text.length() == 0;
    }

    @Override
    public String toString() {
        return text + " " + params.size() + " parameter(s)";
    }
}
