package dev.flowsweep.spring.boot;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spring.boot.metrics.FlowsweepMetrics;
import dev.flowsweep.spring.boot.properties.FlowsweepProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link FlowsweepMetrics} when Micrometer is on the classpath (it comes with {@code spring-boot-starter-actuator}):
 * Spring Boot binds it to its meter registry, and the services the starter builds tell it their deletions, purge
 * transactions and retention runs (an application that builds its own services registers the bean with them). Backs
 * off when the application defines its own {@link FlowsweepMetrics}.
 */
@AutoConfiguration(after = FlowsweepAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = FlowsweepProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBean(FlowsweepStorage.class)
public class FlowsweepMetricsAutoConfiguration {

    /** The meters; a deletion, purge and retention-run listener of the starter's services. */
    @Bean
    @ConditionalOnMissingBean
    public FlowsweepMetrics flowsweepMetrics(ObjectProvider<PurgeQueueMonitor> purgeQueue) {
        return new FlowsweepMetrics(purgeQueue.getIfUnique());
    }
}
