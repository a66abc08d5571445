package dev.accessgov.cli;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Answer;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.Walkthrough;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code access-cli record}: one record's five audit answers and its timeline. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Show one access record: the five audit answers (requested, approved, provisioned, ends,"
          + " removed), each with the sequence numbers of its evidence, and its timeline.",
      "An answer the record should give but cannot is marked MISSING."
    })
final class RecordCommand implements Callable<Integer> {
  private static final List<String> QUESTIONS =
      List.of("requested", "approved", "provisioned", "ends", "removed");

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "RECORD_ID", description = "the record's id")
  private String id;

  @Mixin private StoreOptions store;

  @Override
  public Integer call() {
    AccessRecord record;
    try (StoreOptions.OpenStore opened = store.open()) {
      record = opened.service(null).record(RecordId.of(id));
    }
    PrintWriter out = spec.commandLine().getOut();
    print(record, out);
    out.flush();
    return ExitCodes.OK;
  }

  /** Writes {@code record} as the command shows it. */
  static void print(AccessRecord r, PrintWriter out) {
    out.println("record " + r.id() + ": " + r.roleId() + " for " + r.subject() + ", " + r.state());
    out.println(
        "  requested " + r.requestedAt() + " by " + r.requester() + ": \"" + r.reason() + "\"");
    line(out, "activated", r.activatedAt());
    line(out, "expires", r.expiresAt());
    line(out, "review due", r.reviewDueAt());
    line(out, "ended", r.endedAt());
    line(out, "ticket", r.ticketKey());
    out.println();
    out.println("Audit walkthrough");
    Walkthrough walkthrough = r.walkthrough();
    List<Answer> answers = walkthrough.answers();
    for (int i = 0; i < answers.size(); i++) {
      out.printf("  %d. %-12s %s%n", i + 1, QUESTIONS.get(i) + ":", answer(answers.get(i)));
    }
    out.println(
        walkthrough.isComplete()
            ? "  complete: every answer this state calls for is given"
            : "  INCOMPLETE: the record lacks evidence for an answer marked MISSING");
    out.println();
    out.println("Timeline (" + r.timeline().size() + " events)");
    for (EvidenceEvent e : r.timeline()) {
      out.printf(
          "  %6d  %s  %-18s %s%s%n", e.seq(), e.time(), e.type(), e.actor(), details(e.details()));
    }
  }

  private static String answer(Answer answer) {
    if (answer instanceof Answer.Given given) {
      return given.text()
          + (given.evidence().isEmpty()
              ? ""
              : " [evidence "
                  + given.evidence().stream().map(String::valueOf).collect(Collectors.joining(", "))
                  + "]");
    }
    return answer instanceof Answer.Missing
        ? "MISSING: " + answer.text()
        : "(not yet) " + answer.text();
  }

  private static String details(Map<String, @Nullable Object> details) {
    return details.isEmpty()
        ? ""
        : "  "
            + details.entrySet().stream()
                .map(d -> d.getKey() + "=" + d.getValue())
                .collect(Collectors.joining(", "));
  }

  private static void line(PrintWriter out, String label, @Nullable Object value) {
    if (value != null) {
      out.println("  " + label + " " + value);
    }
  }
}
