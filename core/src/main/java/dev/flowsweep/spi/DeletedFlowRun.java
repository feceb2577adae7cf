package dev.flowsweep.spi;

import dev.flowsweep.model.StateType;

import java.util.UUID;

/**
 * A flow run as the transaction that deleted it saw it: what slot release is judged by.
 *
 * @param stateType    nullable
 * @param deploymentId nullable
 */
public record DeletedFlowRun(UUID id, StateType stateType, UUID deploymentId) {
}
