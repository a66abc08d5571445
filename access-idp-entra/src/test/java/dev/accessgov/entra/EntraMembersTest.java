package dev.accessgov.entra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.GraphRequestRules;
import dev.accessgov.spi.Member;
import dev.accessgov.spi.MemberPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Listing and checking members of groups whose direct members are of every kind Graph allows.
 *
 * <p>List group members (Graph v1.0, learn.microsoft.com/graph/api/group-list-members): "A group
 * can have users, organizational contacts, devices, service principals and other groups as members.
 * This operation is not transitive." The project reports direct membership only.
 */
class EntraMembersTest {
  private static final String PARENT = "9a000000-0000-4000-8000-000000parent";
  private static final String CHILD = "9a000000-0000-4000-8000-0000000child";
  // Ids sort before the users' so that, uncast, the first page would hold no user at all.
  private static final String DEVICE = "0de00000-0000-4000-8000-00000device";
  private static final String APP = "0a000000-0000-4000-8000-000000000app";
  private static final String CONTACT = "0c000000-0000-4000-8000-00000contact";
  private static final String ANN = "a0000000-0000-4000-8000-000000000ann";
  private static final String BEN = "b0000000-0000-4000-8000-000000000ben";
  private static final String CID = "c0000000-0000-4000-8000-000000000cid";
  private static final String NESTED = "d0000000-0000-4000-8000-000000nested";

  @RegisterExtension static final GraphEmulator graph = new GraphEmulator();
  private EntraIdentityProvider provider;

  @BeforeEach
  void seed() {
    graph
        .reset()
        .user(ANN, "ann@contoso.example", null)
        .user(BEN, "ben@contoso.example", null)
        .user(CID, "cid@contoso.example", null)
        .user(NESTED, "nested@contoso.example", null)
        .group(PARENT)
        .group(CHILD)
        .member(PARENT, ANN)
        .member(PARENT, BEN)
        .member(PARENT, CID)
        .nestedGroup(PARENT, CHILD)
        .member(CHILD, NESTED)
        .nonUserMember(PARENT, DEVICE, "device")
        .nonUserMember(PARENT, APP, "servicePrincipal")
        .nonUserMember(PARENT, CONTACT, "orgContact");
    provider =
        EntraIdentityProvider.builder()
            .graphBaseUrl(graph.baseUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .tokenCredential(GraphEmulator.credential())
            .pageSize(2)
            .client(c -> c.initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20)))
            .build();
  }

  @AfterEach
  void requestsFollowTheRules() {
    provider.close();
    assertThat(GraphRequestRules.violations(graph.server().getAllServeEvents())).isEmpty();
  }

  @Test
  @DisplayName("lists the direct users only, a full page of users per page, through the user cast")
  void listsUsersThroughTheCast() {
    List<MemberPage> pages = new ArrayList<>();
    MemberPage page = provider.members(PARENT, null);
    pages.add(page);
    while (page.nextPageToken() != null) {
      page = provider.members(PARENT, page.nextPageToken());
      pages.add(page);
    }
    assertThat(pages.get(0).members()).extracting(Member::userId).containsExactly(ANN, BEN);
    assertThat(pages.stream().flatMap(p -> p.members().stream()).map(Member::login))
        .containsExactly("ann@contoso.example", "ben@contoso.example", "cid@contoso.example");
    assertThat(graph.server().getAllServeEvents())
        .allSatisfy(
            // "graph" is the alias of the microsoft.graph namespace in Graph's CSDL; the SDK uses
            // it.
            e ->
                assertThat(e.getRequest().getUrl())
                    .containsPattern("/members/(microsoft\\.)?graph\\.user\\?"));
  }

  @Test
  @DisplayName("a user only in a nested group is not a member of the parent")
  void nestedIsNotDirect() {
    assertThat(provider.isMember(PARENT, ANN)).isTrue();
    assertThat(provider.isMember(CHILD, NESTED)).isTrue();
    assertThat(provider.isMember(PARENT, NESTED)).isFalse();
    assertThat(provider.streamMembers(PARENT).map(Member::userId)).doesNotContain(NESTED, CHILD);
  }

  @Test
  @DisplayName("a member that is not a user is not reported as a member user")
  void nonUserIsNotAUserMember() {
    assertThat(provider.isMember(PARENT, DEVICE)).isFalse();
    assertThat(provider.isMember(PARENT, CHILD)).isFalse();
  }
}
