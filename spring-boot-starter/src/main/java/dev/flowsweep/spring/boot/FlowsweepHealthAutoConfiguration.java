package dev.flowsweep.spring.boot;

import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.spring.boot.health.FlowsweepHealthIndicator;
import dev.flowsweep.spring.boot.properties.FlowsweepProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link FlowsweepHealthIndicator}, named {@code flowsweep}, when Spring Boot's health support is on the classpath
 * (it comes with {@code spring-boot-starter-actuator}); {@code management.health.flowsweep.enabled=false} turns it
 * off. Backs off when the application defines a bean named {@code flowsweepHealthIndicator}.
 */
@AutoConfiguration(after = FlowsweepAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBooleanProperty(name = FlowsweepProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBean(PurgeQueueMonitor.class)
@ConditionalOnEnabledHealthIndicator("flowsweep")
public class FlowsweepHealthAutoConfiguration {

    /** The indicator over the purge queue and the retention service. */
    @Bean
    @ConditionalOnMissingBean(name = "flowsweepHealthIndicator")
    public FlowsweepHealthIndicator flowsweepHealthIndicator(PurgeQueueMonitor purgeQueue,
                                                             ObjectProvider<RetentionService> retention,
                                                             FlowsweepProperties properties) {
        return new FlowsweepHealthIndicator(purgeQueue, retention.getIfUnique(), properties.getHealth());
    }
}
