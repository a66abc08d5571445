/**
 * Spring Boot auto-configuration for access-governance: the {@link dev.accessgov.AccessRuntime}
 * from {@code access.*} properties, started and closed with the application context, an Actuator
 * health indicator and Micrometer meters. Every bean backs off when the application defines its
 * own.
 */
@NullMarked
package dev.accessgov.spring;

import org.jspecify.annotations.NullMarked;
