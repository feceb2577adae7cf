package dev.flowsweep.spring.boot;

import dev.flowsweep.events.DeletionListener;
import dev.flowsweep.events.Slf4jAuditListener;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.purge.PurgeListener;
import dev.flowsweep.retention.RetentionRunListener;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spring.boot.properties.FlowsweepBuilders;
import dev.flowsweep.spring.boot.properties.FlowsweepProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Flowsweep's services on the {@link FlowsweepStorage} bean (the starter's {@code JdbcStorage} or the application's
 * own): the {@link LogPurger}, the {@link BulkDeleteService} and the {@link RetentionService} with the policies of
 * {@code flowsweep.retention.policies}, started with the context and stopped on shutdown by
 * {@link FlowsweepLifecycle}. Every bean backs off when the application defines one of the same type (the lifecycle:
 * of the same name); {@code flowsweep.purge.enabled=false} and {@code flowsweep.retention.enabled=false} leave the
 * purger and retention out. The application's {@link DeletionListener}, {@link PurgeListener} and
 * {@link RetentionRunListener} beans are registered with the services the starter builds, in {@code @Order}.
 * Flowsweep's JSON on Spring Boot's mapper is {@link FlowsweepJsonAutoConfiguration}'s.
 */
@AutoConfiguration(after = FlowsweepStorageAutoConfiguration.class)
@ConditionalOnClass(BulkDeleteService.class)
@ConditionalOnBooleanProperty(name = FlowsweepProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBean(FlowsweepStorage.class)
@EnableConfigurationProperties(FlowsweepProperties.class)
public class FlowsweepAutoConfiguration {

    /**
     * The background log purger, not started yet ({@link FlowsweepLifecycle} starts it); it tells every
     * {@link PurgeListener} bean about each purge transaction.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = FlowsweepProperties.PREFIX + ".purge.enabled", matchIfMissing = true)
    public LogPurger flowsweepLogPurger(FlowsweepStorage storage, FlowsweepProperties properties,
                                        ObjectProvider<PurgeListener> listeners) {
        return FlowsweepBuilders.purger(storage, properties.getPurge(), FlowsweepBuilders.Problems.THROW)
                .listener(PurgeListeners.of(listeners.orderedStream().toList()))
                .build();
    }

    /** The purge queue's figures, read at most once per {@code flowsweep.purge.stats-max-age}. */
    @Bean
    @ConditionalOnMissingBean
    public PurgeQueueMonitor flowsweepPurgeQueueMonitor(FlowsweepStorage storage, FlowsweepProperties properties) {
        return new PurgeQueueMonitor(storage, properties.getPurge().getStatsMaxAge(), Clock.systemUTC());
    }

    /** One audit line per committed deletion, with {@code flowsweep.bulk-delete.audit-log=true}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = FlowsweepProperties.PREFIX + ".bulk-delete.audit-log")
    public Slf4jAuditListener flowsweepAuditListener() {
        return new Slf4jAuditListener();
    }

    /**
     * The bulk delete service: wakes the purger after each commit and tells every {@link DeletionListener} bean
     * (each event carries the call's latency up to its commit, which the meters time).
     */
    @Bean
    @ConditionalOnMissingBean
    public BulkDeleteService flowsweepBulkDeleteService(FlowsweepStorage storage, FlowsweepProperties properties,
                                                        ObjectProvider<LogPurger> purger,
                                                        ObjectProvider<DeletionListener> listeners) {
        return FlowsweepBuilders.bulkDelete(storage, properties.getBulkDelete(), FlowsweepBuilders.Problems.THROW)
                .logPurger(purger.getIfUnique())
                .listeners(listeners.orderedStream().toList())
                .build();
    }

    /**
     * The retention service with the policies of {@code flowsweep.retention.policies}, telling every
     * {@link RetentionRunListener} bean; not started yet ({@link FlowsweepLifecycle} starts it).
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = FlowsweepProperties.PREFIX + ".retention.enabled", matchIfMissing = true)
    public RetentionService flowsweepRetentionService(BulkDeleteService service, FlowsweepProperties properties,
                                                      ObjectProvider<RetentionRunListener> listeners) {
        RetentionService.Builder builder = FlowsweepBuilders.retention(service, properties.getRetention(),
                FlowsweepBuilders.Problems.THROW);
        builder.runListener(RetentionRunListeners.of(listeners.orderedStream().toList()));
        return FlowsweepBuilders.buildRetention(builder, FlowsweepBuilders.Problems.THROW);
    }

    /** Starts the purger and retention with the context, and stops them on shutdown. */
    @Bean
    @ConditionalOnMissingBean(name = "flowsweepLifecycle")
    public FlowsweepLifecycle flowsweepLifecycle(ObjectProvider<LogPurger> purger,
                                                 ObjectProvider<RetentionService> retention) {
        return new FlowsweepLifecycle(purger.getIfUnique(), retention.getIfUnique());
    }
}
