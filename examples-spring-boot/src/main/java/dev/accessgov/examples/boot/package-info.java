/**
 * A Spring Boot application that grants access through access-spring-boot-starter: the catalog is a
 * bean, everything else comes from {@code application.properties}.
 */
@NullMarked
package dev.accessgov.examples.boot;

import org.jspecify.annotations.NullMarked;
