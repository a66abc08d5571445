package dev.accessgov.cli;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.MemberPage;
import dev.accessgov.spi.MembershipChange;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The identity provider of the service access-cli builds on a store: the service requires one, and
 * access-cli never changes or reads access in an identity provider, so every call is refused.
 */
final class ReadOnlyIdentityProvider implements IdentityProvider {
  private static final String ID = "access-cli";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<IdpUser> findUser(String idLoginOrEmail) {
    throw refused("look up users");
  }

  @Override
  public MembershipChange addMember(String groupId, String userId) {
    throw refused("add members");
  }

  @Override
  public MembershipChange removeMember(String groupId, String userId) {
    throw refused("remove members");
  }

  @Override
  public boolean isMember(String groupId, String userId) {
    throw refused("read memberships");
  }

  @Override
  public MemberPage members(String groupId, @Nullable String pageToken) {
    throw refused("list members");
  }

  @Override
  public LastLogin lastLogin(String userId) {
    throw refused("read sign-ins");
  }

  private static AccessConfigurationException refused(String what) {
    return new AccessConfigurationException(
        "access-cli only reads the store; it does not " + what + " in an identity provider");
  }
}
