package dev.accessgov.spring;

import static java.util.Objects.requireNonNull;

import dev.accessgov.inmemory.InMemoryIdentityProvider;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link InMemoryIdentityProvider} bean per {@code access.providers.in-memory.<id>},
 * named {@code accessInMemoryProvider.<id>}, so that tests can inject it and look at its groups.
 * For tests and development only.
 */
final class InMemoryProvidersRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {
  static final String BEAN_PREFIX = "accessInMemoryProvider.";

  private @Nullable Environment environment;

  InMemoryProvidersRegistrar() {}

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
    Map<String, AccessProperties.InMemoryProperties> configured =
        Binder.get(requireNonNull(environment, "environment"))
            .bind(
                "access.providers.in-memory",
                Bindable.mapOf(String.class, AccessProperties.InMemoryProperties.class))
            .orElse(Map.of());
    for (Map.Entry<String, AccessProperties.InMemoryProperties> e : configured.entrySet()) {
      String id = e.getKey();
      AccessProperties.InMemoryProperties p = e.getValue();
      if (registry.containsBeanDefinition(BEAN_PREFIX + id)) {
        continue;
      }
      RootBeanDefinition definition = new RootBeanDefinition(InMemoryIdentityProvider.class);
      definition.setInstanceSupplier(
          () -> {
            Clock clock =
                ((BeanFactory) registry).getBeanProvider(Clock.class).getIfUnique(Clock::systemUTC);
            InMemoryIdentityProvider provider = new InMemoryIdentityProvider(id, clock);
            p.getUsers().forEach(provider::user);
            provider.groups(p.getGroups().toArray(String[]::new));
            return provider;
          });
      // The runtime owns and closes its identity providers.
      definition.setDestroyMethodName("");
      registry.registerBeanDefinition(BEAN_PREFIX + id, definition);
    }
  }
}
