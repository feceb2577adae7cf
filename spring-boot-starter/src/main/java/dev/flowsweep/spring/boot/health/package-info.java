/**
 * The Actuator health indicator {@code flowsweep}: the purge queue (pending, failed, the age of the oldest pending
 * purge) and each retention policy's last and next run, with thresholds set under {@code flowsweep.health.*}.
 */
package dev.flowsweep.spring.boot.health;
