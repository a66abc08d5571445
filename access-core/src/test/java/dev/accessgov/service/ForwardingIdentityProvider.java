package dev.accessgov.service;

import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.MemberPage;
import dev.accessgov.spi.MembershipChange;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An identity provider that hands every call to another one; tests override the calls they want to
 * slow down, break or count, and leave the rest to the real (in-memory) provider.
 */
abstract class ForwardingIdentityProvider implements IdentityProvider {
  /** The provider every call not overridden goes to. */
  protected final IdentityProvider delegate;

  ForwardingIdentityProvider(IdentityProvider delegate) {
    this.delegate = delegate;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public Optional<IdpUser> findUser(String idLoginOrEmail) {
    return delegate.findUser(idLoginOrEmail);
  }

  @Override
  public MembershipChange addMember(String groupId, String userId) {
    return delegate.addMember(groupId, userId);
  }

  @Override
  public MembershipChange removeMember(String groupId, String userId) {
    return delegate.removeMember(groupId, userId);
  }

  @Override
  public boolean isMember(String groupId, String userId) {
    return delegate.isMember(groupId, userId);
  }

  @Override
  public MemberPage members(String groupId, @Nullable String pageToken) {
    return delegate.members(groupId, pageToken);
  }

  @Override
  public LastLogin lastLogin(String userId) {
    return delegate.lastLogin(userId);
  }
}
