package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.record.PersonId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A sanctioned application, its owner (who approves {@code APP_OWNER} steps and answers for it in
 * reviews) and the roles it offers.
 *
 * @param id unique across the catalog, e.g. {@code github}
 * @param name human-readable name
 * @param owner the accountable owner
 * @param roles the roles, at least one
 */
public record Application(String id, String name, PersonId owner, List<Role> roles) {

  /** Checks the application offers at least one role, all of them its own. */
  public Application {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(owner, "owner");
    roles = List.copyOf(requireNonNull(roles, "roles"));
    if (roles.isEmpty()) {
      throw new AccessConfigurationException("application " + id + " offers no role");
    }
    for (Role role : roles) {
      if (!role.applicationId().equals(id)) {
        throw new AccessConfigurationException(
            "role " + role.id() + " belongs to " + role.applicationId() + ", not to " + id);
      }
    }
  }

  /** A builder for the application with the given id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds an {@link Application}. */
  public static final class Builder {
    private final String id;
    private @Nullable String name;
    private @Nullable PersonId owner;
    private final List<Role.Builder> roles = new ArrayList<>();

    private Builder(String id) {
      this.id =
          CatalogIds.checked(
              () -> dev.accessgov.InputLimits.id(requireNonNull(id, "id"), "an application id"));
    }

    /** Human-readable name. Default: the id. */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** The accountable owner. Required. */
    public Builder owner(String owner) {
      this.owner = CatalogIds.checked(() -> PersonId.of(owner));
      return this;
    }

    /** Adds a role. At least one is required. */
    public Builder role(Role.Builder role) {
      roles.add(requireNonNull(role, "role"));
      return this;
    }

    /**
     * Builds the application.
     *
     * @throws AccessConfigurationException when the owner is missing or a role is invalid
     */
    public Application build() {
      if (owner == null) {
        throw new AccessConfigurationException(
            "application " + id + " has no owner; call owner(\"person-id\")");
      }
      return new Application(
          id, name != null ? name : id, owner, roles.stream().map(r -> r.build(id)).toList());
    }
  }
}
