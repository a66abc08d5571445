package dev.accessgov.entra.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import dev.accessgov.ProviderException;
import dev.accessgov.retry.RetrySettings;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.spi.MembershipResult;
import dev.accessgov.spi.ProviderReceipt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Adds or removes many members of one group through Graph's {@code $batch}, at most 20 requests per
 * batch, and reports each sub-request's answer as its own result. Sub-requests Graph throttled
 * (429) or could not serve (5xx) are sent again in a later batch after the wait Graph asked for,
 * within the retry settings; each batch of 20 has the provider's total timeout. Not API.
 */
public final class MemberBatches {
  /** Graph's limit of requests per {@code $batch}. */
  public static final int MAX_PER_BATCH = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String providerId;
  private final GraphServiceClient graph;
  private final GraphCalls calls;
  private final GroupGuard guard;
  private final RetrySettings settings;
  private final Clock clock;

  /** Batches for the provider {@code providerId}. */
  public MemberBatches(
      String providerId,
      GraphServiceClient graph,
      GraphCalls calls,
      GroupGuard guard,
      RetrySettings settings,
      Clock clock) {
    this.providerId = providerId;
    this.graph = graph;
    this.calls = calls;
    this.guard = guard;
    this.settings = settings;
    this.clock = clock;
  }

  /** One result per user, in the order given; a failure of the whole batch fails each user. */
  public List<MembershipResult> change(
      String operation, String groupId, List<String> userIds, boolean add) {
    Map<Integer, MembershipResult> results = new HashMap<>();
    try {
      guard.requireManageable(operation, groupId, calls.deadline());
    } catch (ProviderException e) {
      return failAll(groupId, userIds, e);
    }
    List<Integer> absent = new ArrayList<>();
    List<ProviderException> absentErrors = new ArrayList<>();
    for (int from = 0; from < userIds.size(); from += MAX_PER_BATCH) {
      List<Integer> pending = new ArrayList<>();
      for (int i = from; i < Math.min(userIds.size(), from + MAX_PER_BATCH); i++) {
        pending.add(i);
      }
      long deadline = calls.deadline();
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        List<Integer> again = new ArrayList<>();
        ProviderException worst = null;
        try {
          Map<Integer, SubAnswer> answers =
              send(operation, groupId, userIds, pending, add, deadline);
          for (Map.Entry<Integer, SubAnswer> e : answers.entrySet()) {
            int index = e.getKey();
            SubAnswer a = e.getValue();
            String userId = userIds.get(index);
            if (a.status() >= 200 && a.status() < 300) {
              results.put(
                  index,
                  changed(
                      add ? MembershipOutcome.ADDED : MembershipOutcome.REMOVED,
                      groupId,
                      userId,
                      operation,
                      a));
            } else if (add && GraphErrors.alreadyMember(a.status(), a.message())) {
              results.put(
                  index, changed(MembershipOutcome.ALREADY_MEMBER, groupId, userId, operation, a));
            } else {
              ProviderException error =
                  calls
                      .errors()
                      .fromAnswer(
                          operation,
                          groupId,
                          a.status(),
                          a.code(),
                          a.message(),
                          a.requestId(),
                          a.retryAfterSeconds(),
                          null);
              if (!add && a.status() == 404) {
                absent.add(index);
                absentErrors.add(error);
                results.put(
                    index, changed(MembershipOutcome.NOT_A_MEMBER, groupId, userId, operation, a));
              } else if (error.retryable() && attempt < settings.maxAttempts()) {
                calls.noteThrottle(error);
                again.add(index);
                worst = later(worst, error, attempt, deadline);
                results.put(index, new MembershipResult.Failed(groupId, userId, error));
              } else {
                results.put(index, new MembershipResult.Failed(groupId, userId, error));
              }
            }
          }
        } catch (ProviderException whole) {
          for (int index : pending) {
            results.put(index, new MembershipResult.Failed(groupId, userIds.get(index), whole));
          }
          break;
        }
        if (again.isEmpty() || worst == null) { // a retried sub-request has set worst
          break;
        }
        long wait = calls.waitMillis(attempt, worst, deadline);
        if (wait < 0) {
          break; // no time left: the sub-requests keep their last failure
        }
        GraphCalls.sleep(wait);
        pending = again;
      }
    }
    confirmAbsent(operation, groupId, userIds, absent, absentErrors, results);
    List<MembershipResult> ordered = new ArrayList<>(userIds.size());
    for (int i = 0; i < userIds.size(); i++) {
      ordered.add(results.get(i));
    }
    return ordered;
  }

  /** A removal's 404 means "not a member" only if the group exists; ask Graph once per call. */
  private void confirmAbsent(
      String operation,
      String groupId,
      List<String> userIds,
      List<Integer> absent,
      List<ProviderException> errors,
      Map<Integer, MembershipResult> results) {
    if (absent.isEmpty()) {
      return;
    }
    boolean exists;
    try {
      exists = guard.exists(operation, groupId, calls.deadline());
    } catch (ProviderException e) {
      exists = false;
    }
    if (!exists) {
      for (int k = 0; k < absent.size(); k++) {
        int index = absent.get(k);
        results.put(index, new MembershipResult.Failed(groupId, userIds.get(index), errors.get(k)));
      }
    }
  }

  private ProviderException later(
      @Nullable ProviderException worst, ProviderException error, int attempt, long deadline) {
    if (worst == null) {
      return error;
    }
    return calls.waitMillis(attempt, error, deadline) > calls.waitMillis(attempt, worst, deadline)
        ? error
        : worst;
  }

  private Map<Integer, SubAnswer> send(
      String operation,
      String groupId,
      List<String> userIds,
      List<Integer> pending,
      boolean add,
      long deadline) {
    GraphAnswer<JsonNode> answer =
        calls.run(
            new GraphCall<>(operation, groupId, () -> post(groupId, userIds, pending, add)),
            deadline);
    JsonNode body = answer.value();
    Map<Integer, SubAnswer> answers = new LinkedHashMap<>();
    if (body == null) {
      throw new ProviderException(
          providerId,
          operation,
          answer.meta().status(),
          null,
          answer.meta().requestId(),
          true,
          "Graph's $batch answer had no body",
          null);
    }
    for (JsonNode r : body.path("responses")) {
      int index = r.path("id").asInt(-1);
      if (!pending.contains(index)) {
        continue;
      }
      JsonNode headers = r.path("headers");
      JsonNode error = r.path("body").path("error");
      String subRequestId =
          headers
              .path("request-id")
              .asText(error.path("innerError").path("request-id").asText(null));
      answers.put(
          index,
          new SubAnswer(
              r.path("status").asInt(0),
              subRequestId != null ? subRequestId : answer.meta().requestId(),
              error.path("code").asText(null),
              error.path("message").asText("(no error message)"),
              ResponseMeta.retryAfter(headers.path("Retry-After").asText(null), clock.instant())));
    }
    for (int index : pending) {
      if (!answers.containsKey(index)) {
        // Graph answers every sub-request; one missing is treated like a lost answer.
        answers.put(
            index,
            new SubAnswer(
                0,
                answer.meta().requestId(),
                null,
                "no answer to this request in the $batch response",
                -1));
      }
    }
    return answers;
  }

  private @Nullable JsonNode post(
      String groupId, List<String> userIds, List<Integer> pending, boolean add) {
    try {
      BatchRequestContent content = new BatchRequestContent(graph);
      for (int index : pending) {
        RequestInformation info =
            add
                ? addRequest(groupId, userIds.get(index))
                : removeRequest(groupId, userIds.get(index));
        // Request builders carry the base URL of the client's creation; the adapter's own (the
        // configured cloud or emulator) must win, as it does for single calls.
        info.pathParameters.put("baseurl", graph.getRequestAdapter().getBaseUrl());
        okhttp3.Request request = graph.getRequestAdapter().convertToNativeRequest(info);
        // The batch as a whole carries the token; its steps must not repeat it in the body.
        request = request.newBuilder().removeHeader("Authorization").build();
        content.addBatchRequestStep(
            new com.microsoft.graph.core.models.BatchRequestStep(Integer.toString(index), request));
      }
      RequestInformation batch = graph.getBatchRequestBuilder().toPostRequestInformation(content);
      HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
      errors.put("XXX", ODataError::createFromDiscriminatorValue);
      try (InputStream in =
          graph.getRequestAdapter().sendPrimitive(batch, errors, InputStream.class)) {
        return in == null ? null : JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RequestInformation removeRequest(String groupId, String userId) {
    return graph
        .groups()
        .byGroupId(groupId)
        .members()
        .byDirectoryObjectId(userId)
        .ref()
        .toDeleteRequestInformation();
  }

  private RequestInformation addRequest(String groupId, String userId) {
    ReferenceCreate ref = new ReferenceCreate();
    ref.setOdataId(graph.getRequestAdapter().getBaseUrl() + "/directoryObjects/" + userId);
    return graph.groups().byGroupId(groupId).members().ref().toPostRequestInformation(ref);
  }

  private MembershipResult changed(
      MembershipOutcome outcome, String groupId, String userId, String operation, SubAnswer a) {
    ProviderReceipt receipt =
        new ProviderReceipt(providerId, operation, a.status(), a.requestId(), clock.instant());
    return new MembershipResult.Changed(new MembershipChange(outcome, groupId, userId, receipt));
  }

  private static List<MembershipResult> failAll(
      String groupId, List<String> userIds, ProviderException e) {
    List<MembershipResult> failed = new ArrayList<>(userIds.size());
    for (String userId : userIds) {
      failed.add(new MembershipResult.Failed(groupId, userId, e));
    }
    return failed;
  }

  /** What Graph answered to one sub-request of a batch. */
  private record SubAnswer(
      int status,
      @Nullable String requestId,
      @Nullable String code,
      String message,
      long retryAfterSeconds) {}
}
