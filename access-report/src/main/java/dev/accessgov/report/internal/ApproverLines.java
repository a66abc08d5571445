package dev.accessgov.report.internal;

import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an approver stands in the people directory's manager chain: their manager (the team lead)
 * and their division (the person right under the top of the chain). Walks each chain once, stops at
 * a person seen before, so a directory whose managers form a cycle cannot make it loop. Not API.
 */
final class ApproverLines {
  /** The group of an approver the directory does not know. */
  static final String NOT_IN_DIRECTORY = "(not in directory)";

  /** The manager group of an approver with no manager. */
  static final String NO_MANAGER = "(no manager)";

  /** The division group of an approver whose manager chain comes back on itself. */
  static final String CYCLE = "(manager cycle)";

  /** The longest chain walked; deeper than any organisation, short enough to be cheap. */
  private static final int MAX_DEPTH = 1_000;

  private static final String PERSON = "person:";

  /** An approver's manager and division group names. */
  record Line(String manager, String division) {}

  private final PeopleDirectory people;
  private final Map<String, Line> known = new HashMap<>();

  ApproverLines(PeopleDirectory people) {
    this.people = people;
  }

  /** The line of the approver {@code actor} (as recorded, e.g. {@code person:olivia}). */
  Line of(String actor) {
    return known.computeIfAbsent(actor, this::walk);
  }

  private Line walk(String actor) {
    if (!actor.startsWith(PERSON)) {
      String name = Actors.name(actor); // the policy, or another system actor
      return new Line(name, name);
    }
    Person approver = people.find(PersonId.of(actor.substring(PERSON.length()))).orElse(null);
    if (approver == null) {
      return new Line(NOT_IN_DIRECTORY, NOT_IN_DIRECTORY);
    }
    PersonId manager = approver.manager();
    String team =
        manager == null ? NO_MANAGER : people.find(manager).map(Person::id).orElse(manager).value();
    return new Line(team, division(approver));
  }

  /** The person right under the top of {@code approver}'s chain, or the cycle group. */
  private String division(Person approver) {
    List<PersonId> chain = new ArrayList<>();
    Set<PersonId> seen = new HashSet<>();
    chain.add(approver.id());
    seen.add(approver.id());
    Person current = approver;
    PersonId next;
    while ((next = current.manager()) != null && chain.size() < MAX_DEPTH) {
      Person above = people.find(next).orElse(null);
      PersonId id = above == null ? next : above.id();
      if (!seen.add(id)) {
        return CYCLE;
      }
      chain.add(id);
      if (above == null) {
        break; // a manager the directory does not know is the top of what it knows
      }
      current = above;
    }
    if (chain.size() >= MAX_DEPTH) {
      return CYCLE;
    }
    return (chain.size() == 1 ? chain.get(0) : chain.get(chain.size() - 2)).value();
  }
}
