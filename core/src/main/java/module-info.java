/**
 * Flowsweep's core: the model, filters, the bulk delete service, the batch loop, the background log purge, retention,
 * deletion events and the storage SPI. It depends on no JSON library and no validation engine.
 */
module dev.flowsweep.core {
    requires org.slf4j;
    // ConstraintViolationException is thrown by the service's API; BulkDeleteRequest carries constraint annotations.
    requires transitive jakarta.validation;

    exports dev.flowsweep.batch;
    exports dev.flowsweep.events;
    exports dev.flowsweep.filter;
    exports dev.flowsweep.model;
    exports dev.flowsweep.purge;
    exports dev.flowsweep.retention;
    exports dev.flowsweep.service;
    exports dev.flowsweep.spi;
}
