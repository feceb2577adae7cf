/**
 * The {@code flowsweep.*} configuration properties, validated at startup by the same core builders the beans are
 * made with, so a bad value fails the application's start naming the property and the rule.
 */
package dev.flowsweep.spring.boot.properties;
