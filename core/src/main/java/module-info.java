/**
 * Flowsweep's core: the model, filters, the bulk delete service, the background log purge, retention, events, the
 * storage SPI, request validation and the JSON binding.
 */
module dev.flowsweep.core {
    requires org.slf4j;
    // ConstraintViolationException is thrown by the service's API; BulkDeleteRequest carries constraint annotations.
    requires transitive jakarta.validation;
    requires org.hibernate.validator;
    // The JSON binding's API hands out and takes ObjectMappers.
    requires transitive com.fasterxml.jackson.databind;

    exports dev.flowsweep.events;
    exports dev.flowsweep.filter;
    exports dev.flowsweep.json;
    exports dev.flowsweep.model;
    exports dev.flowsweep.purge;
    exports dev.flowsweep.retention;
    exports dev.flowsweep.service;
    exports dev.flowsweep.spi;
    exports dev.flowsweep.validation;

    // Hibernate Validator reads the validated values reflectively: BulkDeleteRequest and DrainBatchSize.
    opens dev.flowsweep.service to org.hibernate.validator;
    opens dev.flowsweep.validation to org.hibernate.validator;
}
