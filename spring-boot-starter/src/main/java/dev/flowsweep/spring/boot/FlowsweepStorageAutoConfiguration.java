package dev.flowsweep.spring.boot;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spring.boot.properties.FlowsweepBuilders;
import dev.flowsweep.spring.boot.properties.FlowsweepProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;

/**
 * The {@link JdbcStorage} on the application's {@link DataSource}, set by {@code flowsweep.storage.*}; backs off when
 * the application defines a {@link FlowsweepStorage} of its own, or has no single {@code DataSource} (several
 * without a primary one). It is created after the application's database initialization (Flyway, Liquibase,
 * {@code spring.sql.init}), so {@code flowsweep.storage.schema-mode=validate} finds the tables those created.
 *
 * <h2>Transactions: Flowsweep never joins the caller's transaction</h2>
 * The storage takes its connections straight from the {@code DataSource} ({@code getConnection()}), and commits
 * each unit of work itself. Called inside a Spring-managed transaction ({@code @Transactional}), a bulk delete
 * therefore runs in <em>a transaction of its own</em>, on a second connection: joining the caller's would break its
 * guarantees (a transient failure re-runs the whole unit of work, which needs a transaction of its own to roll
 * back; slots are released exactly once only if the delete commits as one unit). When the application's
 * {@code DataSource} bean is a {@link TransactionAwareDataSourceProxy} (which would hand out the caller's
 * connection), the storage uses the proxy's target instead. What follows for the caller:
 * <ul>
 *   <li>the deletion is committed when {@code bulkDelete} returns, even if the caller's transaction later rolls
 *       back;</li>
 *   <li>it does not see the caller's uncommitted writes: runs the caller inserted in its open transaction are not
 *       deleted;</li>
 *   <li>a run whose row the caller's open transaction has written (locked) makes the bulk delete wait for the
 *       caller, which waits for the bulk delete: it fails after {@code flowsweep.storage.lock-timeout} and its
 *       retries with a {@code FlowsweepStorageException}, and nothing is deleted;</li>
 *   <li>it needs a second pooled connection while the caller holds one.</li>
 * </ul>
 * To act on the caller's outcome, delete after the caller's commit (e.g. in a
 * {@code @TransactionalEventListener(phase = AFTER_COMMIT)}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({JdbcStorage.class, DataSource.class})
@ConditionalOnBooleanProperty(name = FlowsweepProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlowsweepProperties.class)
public class FlowsweepStorageAutoConfiguration {

    /**
     * The storage on the application's {@code DataSource} (unwrapped from a {@link TransactionAwareDataSourceProxy});
     * connects, detects the database and creates or validates the schema. Closing it never closes the
     * {@code DataSource}.
     */
    @Bean
    @ConditionalOnMissingBean(FlowsweepStorage.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    @DependsOnDatabaseInitialization
    public JdbcStorage flowsweepStorage(DataSource dataSource, FlowsweepProperties properties) {
        return FlowsweepBuilders.storage(ownTransactions(dataSource), properties.getStorage(),
                FlowsweepBuilders.Problems.THROW).build();
    }

    /** The DataSource that hands out connections outside of Spring-managed transactions. */
    static DataSource ownTransactions(DataSource dataSource) {
        if (dataSource instanceof TransactionAwareDataSourceProxy proxy && proxy.getTargetDataSource() != null) {
            return proxy.getTargetDataSource();
        }
        return dataSource;
    }
}
