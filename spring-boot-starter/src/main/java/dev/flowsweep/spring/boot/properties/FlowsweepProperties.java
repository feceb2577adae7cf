package dev.flowsweep.spring.boot.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Everything under {@code flowsweep.*}: the storage, the bulk delete service, the log purger, retention, the
 * health indicator and JSON. Every value is checked when the application starts, with the rules of the Flowsweep builders
 * it feeds; a bad one stops the startup with a message naming the property (see {@link PropertiesValidator}).
 * The defaults are those of the builders ({@code DEFAULT_*} constants).
 */
@ConfigurationProperties(FlowsweepProperties.PREFIX)
public class FlowsweepProperties implements Validator {
    /** The prefix of every property: {@value}. */
    public static final String PREFIX = "flowsweep";

    /** Whether Flowsweep is auto-configured at all. */
    private boolean enabled = true;

    @NestedConfigurationProperty
    private final StorageProperties storage = new StorageProperties();

    @NestedConfigurationProperty
    private final BulkDeleteProperties bulkDelete = new BulkDeleteProperties();

    @NestedConfigurationProperty
    private final PurgeProperties purge = new PurgeProperties();

    @NestedConfigurationProperty
    private final RetentionProperties retention = new RetentionProperties();

    @NestedConfigurationProperty
    private final HealthProperties health = new HealthProperties();

    @NestedConfigurationProperty
    private final JsonProperties json = new JsonProperties();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public StorageProperties getStorage() {
        return storage;
    }

    public BulkDeleteProperties getBulkDelete() {
        return bulkDelete;
    }

    public PurgeProperties getPurge() {
        return purge;
    }

    public RetentionProperties getRetention() {
        return retention;
    }

    public HealthProperties getHealth() {
        return health;
    }

    public JsonProperties getJson() {
        return json;
    }

    @Override
    public boolean supports(Class<?> type) {
        return FlowsweepProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        new PropertiesValidator((FlowsweepProperties) target, errors).validate();
    }
}
