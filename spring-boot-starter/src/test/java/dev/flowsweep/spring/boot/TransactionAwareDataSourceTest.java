package dev.flowsweep.spring.boot;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.testkit.Fixture;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose DataSource bean is a {@link TransactionAwareDataSourceProxy}: the proxy would hand the
 * storage the caller's connection, and the storage's commit would then commit the caller's work half-way. The
 * starter builds the storage on the proxy's target, so a bulk delete still runs in a transaction of its own.
 */
class TransactionAwareDataSourceTest {
    @Test
    void theStorageRunsOnTheProxysTargetOutsideTheCallersTransaction() {
        new ApplicationContextRunner()
                .withConfiguration(FlowsweepAutoConfigurationTest.FLOWSWEEP)
                .withPropertyValues("flowsweep.retention.enabled=false")
                .withUserConfiguration(ProxiedDataSource.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcStorage.class);
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
                    Fixture fixture = new Fixture(context.getBean(JdbcStorage.class));
                    FlowRun run = fixture.run(b -> b.state(StateType.COMPLETED).tags("proxied"));
                    jdbc.execute("CREATE TABLE app_note (note VARCHAR(64))");

                    transaction.executeWithoutResult(status -> {
                        jdbc.update("INSERT INTO app_note (note) VALUES ('mine')");
                        context.getBean(BulkDeleteService.class).bulkDelete(BulkDeleteRequest.of(
                                FlowRunFilter.builder().tagsAll("proxied").build()));
                        status.setRollbackOnly();
                    });

                    assertThat(fixture.exists(run.id())).isFalse();
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_note", Long.class))
                            .as("the caller's insert was rolled back, not committed by the bulk delete").isZero();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class ProxiedDataSource {
        private final JdbcDataSource target = new JdbcDataSource();

        ProxiedDataSource() {
            target.setURL("jdbc:h2:mem:proxied-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }

        @Bean
        DataSource dataSource() {
            return new TransactionAwareDataSourceProxy(target);
        }

        @Bean
        DataSourceTransactionManager transactionManager() {
            return new DataSourceTransactionManager(target);
        }

        @Bean
        TransactionTemplate transactionTemplate(DataSourceTransactionManager manager) {
            return new TransactionTemplate(manager);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }
    }
}
