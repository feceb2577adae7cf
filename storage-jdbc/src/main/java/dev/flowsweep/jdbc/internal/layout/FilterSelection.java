package dev.flowsweep.jdbc.internal.layout;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.jdbc.internal.database.RunSelection;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.TagIndex;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runs a filter selects in a layout, as a database's lock strategy asks for them: the run table, the filter as
 * SQL, and the tag that may drive the selection (when the layout has a {@link TagIndex}).
 */
public final class FilterSelection implements RunSelection {
    private final String runTable;
    private final CriterionSql sql;
    private final Criterion criterion;
    private final TagIndex tagIndex;
    private final String drivingTag;

    /** The runs matching {@code criterion} (null: every run) in {@code layout}. */
    public FilterSelection(TableLayout layout, Criterion criterion) {
        this.runTable = layout.flowRuns().table();
        this.sql = new CriterionSql(layout.criteria());
        this.criterion = criterion;
        this.tagIndex = layout.tagIndex();
        this.drivingTag = tagIndex == null ? null : drivingTag(criterion);
    }

    @Override
    public String runTable() {
        return runTable;
    }

    @Override
    public Sql where() {
        return sql.where(criterion);
    }

    @Override
    public String drivingTag() {
        return drivingTag;
    }

    @Override
    public TagIndex tagIndex() {
        return tagIndex;
    }

    @Override
    public Sql whereBesidesDrivingTag() {
        return drivingTag == null ? where() : sql.where(withoutTag(criterion, drivingTag));
    }

    /**
     * A tag every matching run carries, when the criterion says so at its top level: {@code tags.any_} of one tag, or
     * {@code tags.all_}, alone or ANDed with anything. Null otherwise.
     */
    public static String drivingTag(Criterion criterion) {
        if (criterion instanceof Criterion.TagsContainAny any && new LinkedHashSet<>(any.tags()).size() == 1) {
            return any.tags().get(0);
        }
        if (criterion instanceof Criterion.TagsContainAll all && !all.tags().isEmpty()) {
            return all.tags().get(0);
        }
        if (criterion instanceof Criterion.And and) {
            for (Criterion child : and.children()) {
                String tag = drivingTag(child);
                if (tag != null) {
                    return tag;
                }
            }
        }
        return null;
    }

    /** {@code criterion} without the conditions that say only "carries {@code tag}"; null when nothing is left. */
    public static Criterion withoutTag(Criterion criterion, String tag) {
        if (criterion instanceof Criterion.TagsContainAny any && Set.copyOf(any.tags()).equals(Set.of(tag))
                || criterion instanceof Criterion.TagsContainAll all && Set.copyOf(all.tags()).equals(Set.of(tag))) {
            return null;
        }
        if (criterion instanceof Criterion.And and) {
            List<Criterion> rest = new ArrayList<>();
            for (Criterion child : and.children()) {
                Criterion kept = withoutTag(child, tag);
                if (kept != null) {
                    rest.add(kept);
                }
            }
            return rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : new Criterion.And(rest);
        }
        return criterion;
    }
}
