package dev.accessgov.report;

import static dev.accessgov.report.RetroWorld.MARCH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.record.PersonId;
import dev.accessgov.spi.Person;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

@Label("Approval lag by manager chain over random directories")
class ApproverLagPropertyTest {
  private static final int PEOPLE = 5;

  /** A manager pointer: -1 none, PEOPLE a manager the directory does not know, else a person. */
  @Provide
  Arbitrary<List<Integer>> managers() {
    return Arbitraries.integers().between(-1, PEOPLE).list().ofSize(PEOPLE + 1);
  }

  /** Person i is {@code m<i>}; index PEOPLE is olivia, the approver of RetroWorld. */
  private static String name(int i) {
    return i == PEOPLE ? "olivia" : "m" + i;
  }

  @Property(tries = 60)
  @Label("any directory, cycles included, gives the approver's manager and division once")
  void anyDirectory(@ForAll("managers") @Size(PEOPLE + 1) List<Integer> managers) {
    RetroWorld world = new RetroWorld().scripted();
    for (int i = 0; i <= PEOPLE; i++) {
      int m = managers.get(i);
      String manager = m < 0 ? null : m == PEOPLE ? "ghost" : name(m);
      world.people.put(
          new Person(
              PersonId.of(name(i)),
              name(i),
              manager == null ? null : PersonId.of(manager),
              true,
              null,
              null));
    }

    Retrospective retro = Retrospective.of(world.access, MARCH, world.people, 2);

    // The model: follow olivia's managers, at most once each.
    List<String> chain = new ArrayList<>(List.of("olivia"));
    String division = null;
    int at = PEOPLE;
    while (division == null) {
      int m = managers.get(at);
      if (m < 0) {
        break;
      }
      String next = m == PEOPLE ? "ghost" : name(m);
      if (chain.contains(next)) {
        division = "(manager cycle)";
      } else {
        chain.add(next);
        if (m == PEOPLE) {
          break;
        }
        at = m;
      }
    }
    if (division == null) {
      division = chain.size() == 1 ? chain.get(0) : chain.get(chain.size() - 2);
    }
    int own = managers.get(PEOPLE);
    String team = own < 0 ? "(no manager)" : own == PEOPLE ? "ghost" : name(own);
    LagStats olivia = retro.lagByApprover().get(0).lag();
    assertThat(retro.lagByApprover().get(0).group()).isEqualTo("olivia");
    assertThat(retro.lagByApproverManager()).contains(new GroupLag(team, olivia));
    assertThat(retro.lagByApproverDivision()).contains(new GroupLag(division, olivia));
  }
}
