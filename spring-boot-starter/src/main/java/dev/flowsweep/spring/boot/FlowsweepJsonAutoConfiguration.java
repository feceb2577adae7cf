package dev.flowsweep.spring.boot;

import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.jackson3.FlowsweepJackson3Module;
import dev.flowsweep.spring.boot.properties.FlowsweepProperties;
import dev.flowsweep.spring.boot.properties.JsonProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Flowsweep's types on Spring Boot's JSON mapper (Jackson 3, Boot 4's default): {@link FlowsweepJackson3Module} is
 * added to the {@code JsonMapper} Boot builds, so a controller takes a {@code @RequestBody BulkDeleteRequest} or
 * {@code FlowRunFilter} read with Flowsweep's strict rules (unknown keys, coercions and duplicate keys refused, Boot's
 * leniency notwithstanding) and returns a {@code BulkDeleteResult} or {@code JsonProblem}s in Prefect's format; bad
 * input throws {@code FlowsweepJson3Exception} with its problems ({@code loc}, {@code msg}, {@code type}), which Spring
 * MVC hands to an exception handler as the cause of an {@code HttpMessageNotReadableException}.
 *
 * <p>Applies when Boot's Jackson auto-configuration and {@code flowsweep-json-jackson3} (a dependency of the starter)
 * are on the class path; {@code flowsweep.json.enabled=false} (or {@code flowsweep.enabled=false}) leaves Boot's
 * mapper as it is, and so does a bean of the customizer's name. Needs no {@code DataSource}.
 */
@AutoConfiguration
@ConditionalOnClass({JsonMapperBuilderCustomizer.class, FlowsweepJackson3Module.class})
@ConditionalOnBooleanProperty(name = FlowsweepProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = FlowsweepProperties.PREFIX + ".json.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlowsweepProperties.class)
public class FlowsweepJsonAutoConfiguration {

    /** Adds Flowsweep's Jackson 3 module, with {@code flowsweep.json.*}, to Spring Boot's {@code JsonMapper}. */
    @Bean
    @ConditionalOnMissingBean(name = "flowsweepJsonMapperBuilderCustomizer")
    public JsonMapperBuilderCustomizer flowsweepJsonMapperBuilderCustomizer(FlowsweepProperties properties) {
        JsonProperties json = properties.getJson();
        FlowsweepJackson3Module module = new FlowsweepJackson3Module(
                new JsonOptions(json.getMaxListSize(), json.isWriteReleasedSlots()));
        return builder -> builder.addModule(module);
    }
}
