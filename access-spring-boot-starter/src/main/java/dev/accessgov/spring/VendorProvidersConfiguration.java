package dev.accessgov.spring;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.entra.EntraIdentityProvider;
import dev.accessgov.entra.EntraIdentityProviderBuilder;
import dev.accessgov.google.GoogleIdentityProvider;
import dev.accessgov.google.GoogleIdentityProviderBuilder;
import dev.accessgov.okta.OktaIdentityProvider;
import dev.accessgov.okta.OktaIdentityProviderBuilder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The vendor identity providers built from {@code access.providers.okta|entra|google.*}, each when
 * its module is on the class path and its identifying property is set. Credentials are read through
 * a {@code Supplier} from the bound properties (so from the environment when given there), never
 * copied into a log line or a message.
 */
@Configuration(proxyBeanMethods = false)
@Import({
  VendorProvidersConfiguration.Okta.class,
  VendorProvidersConfiguration.Entra.class,
  VendorProvidersConfiguration.Google.class
})
class VendorProvidersConfiguration {
  VendorProvidersConfiguration() {}

  private static Supplier<String> secret(@Nullable String value, String property) {
    if (value == null || value.isBlank()) {
      throw new AccessConfigurationException(
          property
              + " is not set: give it as a property or in the environment variable "
              + property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", ""));
    }
    return () -> value;
  }

  private static String required(@Nullable String value, String property, String example) {
    if (value == null || value.isBlank()) {
      throw new AccessConfigurationException(property + " is not set: give e.g. " + example);
    }
    return value;
  }

  /** Okta, when {@code access.providers.okta.org-url} is set. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.accessgov.okta.OktaIdentityProvider")
  @ConditionalOnProperty(prefix = "access.providers.okta", name = "org-url")
  static class Okta {
    Okta() {}

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    OktaIdentityProvider oktaIdentityProvider(
        AccessProperties properties, AccessObservers observers) {
      AccessProperties.OktaProperties okta = properties.getProviders().getOkta();
      OktaIdentityProviderBuilder builder =
          OktaIdentityProvider.builder()
              .id(okta.getId())
              .orgUrl(
                  required(
                      okta.getOrgUrl(),
                      "access.providers.okta.org-url",
                      "https://example.okta.com"))
              .client(c -> c.observer(observers.observer()));
      if (okta.hasApiToken()) {
        builder.apiToken(secret(okta.apiToken(), "access.providers.okta.api-token"));
      } else if (okta.getClientId() != null) {
        builder.serviceApp(
            okta.getClientId(),
            secret(okta.privateKey(), "access.providers.okta.private-key"),
            okta.getKeyId(),
            okta.getScopes());
      } else {
        throw new AccessConfigurationException(
            "Okta needs a credential: set access.providers.okta.api-token"
                + " (ACCESS_PROVIDERS_OKTA_APITOKEN), or access.providers.okta.client-id with"
                + " access.providers.okta.private-key for a service app");
      }
      return builder.build();
    }
  }

  /** Entra ID, when {@code access.providers.entra.tenant-id} is set. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.accessgov.entra.EntraIdentityProvider")
  @ConditionalOnProperty(prefix = "access.providers.entra", name = "tenant-id")
  static class Entra {
    Entra() {}

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    EntraIdentityProvider entraIdentityProvider(
        AccessProperties properties, AccessObservers observers) {
      AccessProperties.EntraProperties entra = properties.getProviders().getEntra();
      EntraIdentityProviderBuilder builder =
          EntraIdentityProvider.builder()
              .id(entra.getId())
              .tenantId(
                  required(
                      entra.getTenantId(),
                      "access.providers.entra.tenant-id",
                      "the directory (tenant) GUID"))
              .clientId(
                  required(
                      entra.getClientId(),
                      "access.providers.entra.client-id",
                      "the app registration's application (client) id"))
              .clientSecret(secret(entra.clientSecret(), "access.providers.entra.client-secret"))
              .client(c -> c.observer(observers.observer()));
      if (entra.getGraphBaseUrl() != null) {
        builder.graphBaseUrl(entra.getGraphBaseUrl());
      }
      if (entra.getAuthorityHost() != null) {
        builder.authorityHost(entra.getAuthorityHost());
      }
      return builder.build();
    }
  }

  /** Google Workspace, when {@code access.providers.google.delegated-admin} is set. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.accessgov.google.GoogleIdentityProvider")
  @ConditionalOnProperty(prefix = "access.providers.google", name = "delegated-admin")
  static class Google {
    Google() {}

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    GoogleIdentityProvider googleIdentityProvider(
        AccessProperties properties, AccessObservers observers) {
      AccessProperties.GoogleProperties google = properties.getProviders().getGoogle();
      GoogleIdentityProviderBuilder builder =
          GoogleIdentityProvider.builder()
              .id(google.getId())
              .delegatedAdmin(
                  required(
                      google.getDelegatedAdmin(),
                      "access.providers.google.delegated-admin",
                      "admin@example.com"))
              .serviceAccountKey(
                  secret(google.serviceAccountKey(), "access.providers.google.service-account-key"))
              .requestsPerMinute(google.getRequestsPerMinute())
              .client(c -> c.observer(observers.observer()));
      if (google.getCustomerId() != null) {
        builder.customerId(google.getCustomerId());
      }
      if (google.getDomain() != null) {
        builder.domain(google.getDomain());
      }
      return builder.build();
    }
  }
}
