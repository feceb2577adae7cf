package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;

import java.util.ArrayList;
import java.util.List;

/**
 * The differential fuzz ({@link FuzzDifferentialTest}) on Prefect's layout, on Prefect's PostgreSQL and SQLite
 * schemas: the same random data sets (kept within the constraints of Prefect's tables) and filters, every answer compared with the
 * oracle's over what each database stores (runs without a name get a generated one, checked to be the only change).
 */
class PrefectFuzzDifferentialTest extends FuzzDifferentialTest {

    @Override
    protected List<TestDatabase> openDatabases() {
        List<TestDatabase> dbs = new ArrayList<>();
        dbs.add(TestDatabase.open(DatabaseKind.PREFECT_POSTGRESQL));
        dbs.add(TestDatabase.open(DatabaseKind.PREFECT_SQLITE));
        return dbs;
    }

    @Override
    protected List<Adapter> openAdapters(List<TestDatabase> dbs) {
        List<Adapter> list = new ArrayList<>();
        for (TestDatabase db : dbs) {
            list.add(new Adapter("prefect-" + db.name(), db, PrefectTables.storage(db), true));
        }
        return list;
    }

    @Override
    protected FuzzDataSet dataSet(long seed) {
        return FuzzDataSet.generate(seed).withinPrefectsConstraints();
    }
}
