package dev.flowsweep.spring.boot.properties;

import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.TransactionCallback;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.validation.Errors;

/**
 * Checks the bound {@code flowsweep.*} properties when the application starts, by running {@link FlowsweepBuilders}
 * on stand-ins (nothing connects, nothing starts): every refused value becomes an error on its property, and Spring
 * Boot stops the startup listing them, e.g.
 * <pre>
 * Property: flowsweep.retention.policies[0].batch-size
 * Value: "0"
 * Reason: batchSize must be at least 1, was 0
 * </pre>
 * Checks that concern several properties (two policies with one name, a batch size above
 * {@code flowsweep.bulk-delete.limit-cap}, a pause not shorter than the lease) are reported on
 * {@code flowsweep.retention.policies}.
 */
final class PropertiesValidator {
    private final FlowsweepProperties properties;
    private final Errors errors;
    private boolean failed;

    PropertiesValidator(FlowsweepProperties properties, Errors errors) {
        this.properties = properties;
        this.errors = errors;
    }

    void validate() {
        FlowsweepBuilders.Problems problems = this::reject;
        FlowsweepBuilders.storage(new SimpleDriverDataSource(), properties.getStorage(), problems);
        FlowsweepBuilders.purger(UNUSED_STORAGE, properties.getPurge(), problems);
        BulkDeleteService.Builder bulkDelete = FlowsweepBuilders.bulkDelete(UNUSED_STORAGE,
                properties.getBulkDelete(), problems);
        if (failed) {
            // the retention checks need a valid bulk delete service (its cap)
            FlowsweepBuilders.retention(BulkDeleteService.builder(UNUSED_STORAGE).build(), properties.getRetention(),
                    problems);
            validateHealth();
            validateJson();
            return;
        }
        RetentionService.Builder retention = FlowsweepBuilders.retention(bulkDelete.build(),
                properties.getRetention(), problems);
        if (!failed) {
            RetentionService checked = FlowsweepBuilders.buildRetention(retention, problems);
            if (checked != null) {
                checked.close();   // never started: this only drops its idle executor
            }
        }
        validateHealth();
        validateJson();
    }

    private void validateJson() {
        if (properties.getJson().getMaxListSize() < 1) {
            reject("json.max-list-size", "must be at least 1, was " + properties.getJson().getMaxListSize());
        }
    }

    private void validateHealth() {
        HealthProperties health = properties.getHealth();
        if (health.getMaxFailedPurges() != null && health.getMaxFailedPurges() < 0) {
            reject("health.max-failed-purges", "must not be negative, was " + health.getMaxFailedPurges());
        }
        if (health.getMaxPurgeLag() != null && health.getMaxPurgeLag().isNegative()) {
            reject("health.max-purge-lag", "must not be negative, was " + health.getMaxPurgeLag());
        }
    }

    private void reject(String property, String message) {
        failed = true;
        errors.rejectValue(property, "flowsweep.invalid", message);
    }

    /** Stands in for the storage while builders are checked: never called, since nothing is built that uses it. */
    private static final FlowsweepStorage UNUSED_STORAGE = new FlowsweepStorage() {
        @Override
        public <T> T inTransaction(TransactionCallback<T> work) {
            throw new UnsupportedOperationException("the properties are being checked: no storage yet");
        }
    };
}
