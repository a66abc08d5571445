/** A Spring Boot application for the starter's tests. */
@NullMarked
package dev.accessgov.spring.app;

import org.jspecify.annotations.NullMarked;
