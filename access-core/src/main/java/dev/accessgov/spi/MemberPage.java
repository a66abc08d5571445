package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a group's members.
 *
 * @param members the members on this page
 * @param nextPageToken pass to {@link IdentityProvider#members} for the next page; null on the last
 */
public record MemberPage(List<Member> members, @Nullable String nextPageToken) {
  /** Copies the list. */
  public MemberPage {
    members = List.copyOf(requireNonNull(members, "members"));
  }

  /** Whether more pages follow. */
  public boolean hasNext() {
    return nextPageToken != null;
  }
}
