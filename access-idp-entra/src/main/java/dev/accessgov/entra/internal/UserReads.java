package dev.accessgov.entra.internal;

import static java.util.Objects.requireNonNull;

import com.microsoft.graph.models.SignInActivity;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.accessgov.ProviderException;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Reads users for the provider: by object id or userPrincipalName, else by mail; and the last
 * sign-in from {@code signInActivity}. The contracts are on {@code EntraIdentityProvider}. Not API.
 */
public final class UserReads {
  private static final String[] USER_FIELDS = {"id", "userPrincipalName", "mail", "accountEnabled"};

  private final String providerId;
  private final GraphServiceClient graph;
  private final GraphCalls calls;

  /** Reads through {@code calls}. */
  public UserReads(String providerId, GraphServiceClient graph, GraphCalls calls) {
    this.providerId = providerId;
    this.graph = graph;
    this.calls = calls;
  }

  /** See {@code EntraIdentityProvider#findUser}. */
  public Optional<IdpUser> find(String idLoginOrEmail) {
    requireNonNull(idLoginOrEmail, "idLoginOrEmail");
    if (idLoginOrEmail.isBlank()) {
      return Optional.empty();
    }
    long deadline = calls.deadline();
    Optional<User> user = userById("findUser", idLoginOrEmail, USER_FIELDS, deadline);
    if (user.isEmpty() && idLoginOrEmail.contains("@")) {
      user = userByMail(idLoginOrEmail, deadline);
    }
    return user.map(UserReads::toIdpUser);
  }

  private Optional<User> userById(String operation, String key, String[] fields, long deadline) {
    try {
      GraphAnswer<User> answer =
          calls.run(
              new GraphCall<>(
                  operation,
                  null,
                  () ->
                      GraphCalls.present(
                          graph.users().byUserId(key).get(c -> c.queryParameters.select = fields))),
              deadline);
      return Optional.ofNullable(answer.value());
    } catch (ProviderException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<User> userByMail(String mail, long deadline) {
    String filter = "mail eq '" + mail.replace("'", "''") + "'";
    GraphAnswer<UserCollectionResponse> answer =
        calls.run(
            new GraphCall<>(
                "findUser",
                null,
                () ->
                    GraphCalls.present(
                        graph
                            .users()
                            .get(
                                c -> {
                                  c.queryParameters.filter = filter;
                                  c.queryParameters.select = USER_FIELDS;
                                  c.queryParameters.top = 2;
                                }))),
            deadline);
    List<User> found = answer.value() == null ? null : answer.value().getValue();
    if (found == null || found.isEmpty()) {
      return Optional.empty();
    }
    if (found.size() > 1) {
      throw new ProviderException(
          providerId,
          "findUser",
          answer.meta().status(),
          null,
          answer.meta().requestId(),
          false,
          "more than one user has mail '" + mail + "'; look the user up by id or userPrincipalName",
          null);
    }
    return Optional.of(found.get(0));
  }

  private static IdpUser toIdpUser(User u) {
    String login = u.getUserPrincipalName() == null ? u.getId() : u.getUserPrincipalName();
    return new IdpUser(u.getId(), login, u.getMail(), !Boolean.FALSE.equals(u.getAccountEnabled()));
  }

  /** See {@code EntraIdentityProvider#lastLogin}. */
  public LastLogin lastLogin(String userId) {
    requireNonNull(userId, "userId");
    Optional<User> user;
    try {
      user = userById("lastLogin", userId, new String[] {"id", "signInActivity"}, calls.deadline());
    } catch (ProviderException e) {
      if (e.status() == 403) {
        return LastLogin.unknown();
      }
      throw e;
    }
    SignInActivity activity = user.map(User::getSignInActivity).orElse(null);
    if (activity == null) {
      return LastLogin.unknown();
    }
    // lastSignInDateTime and lastNonInteractiveSignInDateTime record failed attempts too (Graph's
    // signInActivity resource type), so a password spray would make a dormant account look
    // active; only lastSuccessfulSignInDateTime says the account was really used.
    OffsetDateTime success = activity.getLastSuccessfulSignInDateTime();
    if (success != null) {
      return LastLogin.at(success.toInstant());
    }
    boolean attempted =
        activity.getLastSignInDateTime() != null
            || activity.getLastNonInteractiveSignInDateTime() != null;
    // No success recorded but attempts were: the property is not backfilled before December
    // 2023 (or is missing from the answer), so an older success may hide behind the gap.
    return attempted ? LastLogin.unknown() : LastLogin.never();
  }
}
