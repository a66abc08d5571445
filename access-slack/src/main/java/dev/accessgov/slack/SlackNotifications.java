package dev.accessgov.slack;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.review.Reminder;
import dev.accessgov.slack.internal.Links;
import dev.accessgov.slack.internal.Outbound;
import dev.accessgov.slack.internal.SlackApi;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.Notifier;
import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.PeopleDirectory;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the access service tells people in Slack: approval requests to the eligible approvers (or a
 * channel per application), kept up to date until the record ends; review reminders with Keep /
 * Revoke per item; expiry warnings with Extend; reclaim notices. It is the service's {@link
 * Notifier}, and it hears the service's changes through {@link #observer()}.
 *
 * <pre>{@code
 * SlackNotifications slack = SlackNotifications.builder()
 *     .settings(slackSettings).catalog(catalog).people(directory)
 *     .outbox(stores.outbox("slack"))                      // durable: access-jdbc
 *     .channel("payments", "C0123456789")                  // optional: a channel per application
 *     .recordUrl("https://access.example.com/records/{id}")
 *     .build();
 * AccessServiceBuilder service = AccessService.builder()...notifier(slack).observer(slack.observer());
 * AccessRuntime runtime = AccessRuntime.builder(service).start();   // closes slack as its notifier
 * slack.start(runtime.service());
 * }</pre>
 *
 * <h2>Approval requests: what is guaranteed</h2>
 *
 * When a record waits for an approval step, each person eligible for that step now (as {@link
 * AccessService#pendingApproval} says: never the requester or subject) gets one direct message,
 * found in Slack by the e-mail addresses the people directory knows for them; or, when the record's
 * application has a channel, that channel gets one message. Each carries who asks, for whom, role
 * and tier, reason, duration, policy step, links to the record and ticket, and Approve / Deny
 * buttons ({@code access.approve} / {@code access.deny}, valued with the record id). Whenever the
 * record moves on (a step approved, approved, denied, extended, expired, revoked; through Slack,
 * Jira or the Java API) every message posted about it is updated with the outcome, who decided and
 * when, and loses its buttons once its reader may no longer decide.
 *
 * <p>Nothing is lost: a background thread compares the store with what Slack was sent (at start,
 * every {@link Builder#syncEvery}, and at once after the service reports a change), queues what is
 * missing in the outbox, and delivers it. With a durable outbox, a record committed just before a
 * crash gets its messages after the restart, and a queued message survives a restart. Delivery is
 * at least once: only a crash between Slack's answer and the outbox's write of the message's ts can
 * post a message twice. While Slack is down or refuses the token, messages wait and go out in order
 * once it answers; approving and denying through the Java API or Jira never wait for Slack. A
 * person Slack does not know by e-mail is not asked in Slack (logged at INFO).
 *
 * <p>Give this module an outbox of its own (e.g. {@code AccessStores.outbox("slack")}); it keeps
 * its memory of posted messages in the outbox's per-record slot. Thread-safe.
 */
public final class SlackNotifications implements Notifier, AutoCloseable {
  private final Outbound outbound;

  private SlackNotifications(Outbound outbound) {
    this.outbound = outbound;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the background thread that syncs approval messages with {@code service}'s records and
   * delivers everything queued (notices queued before the start included). Call once, after the
   * service is built with this as its notifier.
   *
   * @return this
   * @throws IllegalStateException when already started or closed
   */
  public SlackNotifications start(AccessService service) {
    outbound.start(requireNonNull(service, "service"));
    return this;
  }

  /**
   * An observer that tells this module of every record change, so messages follow within moments
   * instead of at the next sync. Give it to {@code AccessServiceBuilder.observer(...)}.
   */
  public AccessObserver observer() {
    return observer(AccessObserver.none());
  }

  /** Like {@link #observer()}, also passing every event on to {@code next} (e.g. meters). */
  public AccessObserver observer(AccessObserver next) {
    requireNonNull(next, "next");
    return new ChangeObserver(outbound, next);
  }

  /**
   * Syncs now and waits until everything queued was delivered, at most {@code timeout}.
   *
   * @return true when the outbox is empty; false on timeout (e.g. Slack is down), before {@link
   *     #start} or after {@link #close}
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    return outbound.flush(requireNonNull(timeout, "timeout"));
  }

  /** Whether the last delivery to Slack worked; false while Slack fails or refuses the token. */
  public boolean healthy() {
    return outbound.healthy();
  }

  /**
   * Queues a direct message to the reviewer listing their undecided items of the campaign (as they
   * stand at delivery), each with Keep ({@code access.review.keep}) and Revoke ({@code
   * access.review.revoke}), valued with the item id. Returns at once; idempotent per {@link
   * Reminder#id()}.
   */
  @Override
  public void remind(Reminder reminder) {
    outbound.remind(requireNonNull(reminder, "reminder"));
  }

  /**
   * Queues a direct message to the holder that the access will be removed for inactivity after the
   * grace period. Returns at once; idempotent per {@link ReclaimNotice#id()}.
   */
  @Override
  public void notice(ReclaimNotice notice) {
    outbound.notice(requireNonNull(notice, "notice"));
  }

  /** Stops the background thread (a delivery in progress stays queued) and the Slack client. */
  @Override
  public void close() {
    outbound.close();
  }

  @Override
  public String toString() {
    return "SlackNotifications";
  }

  /** Hears the service's changes; forwards every event to the next observer. */
  private static final class ChangeObserver implements AccessObserver {
    private final Outbound outbound;
    private final AccessObserver next;

    ChangeObserver(Outbound outbound, AccessObserver next) {
      this.outbound = outbound;
      this.next = AccessObserver.safe(next);
    }

    @Override
    public void requested(AccessRecord record) {
      outbound.changed();
      next.requested(record);
    }

    @Override
    public void approved(AccessRecord record, Duration sinceRequest) {
      outbound.changed();
      next.approved(record, sinceRequest);
    }

    @Override
    public void denied(AccessRecord record, Duration sinceRequest) {
      outbound.changed();
      next.denied(record, sinceRequest);
    }

    @Override
    public void provisioned(AccessRecord record, Duration sinceApproval) {
      outbound.changed();
      next.provisioned(record, sinceApproval);
    }

    @Override
    public void ended(AccessRecord record) {
      outbound.changed();
      next.ended(record);
    }

    @Override
    public void providerCall(
        String providerId, String operation, Duration took, @Nullable Throwable failure) {
      next.providerCall(providerId, operation, took, failure);
    }

    @Override
    public void providerRetry(String providerId, String operation, String reason) {
      next.providerRetry(providerId, operation, reason);
    }

    @Override
    public void providerRateLimited(String providerId, String operation, Duration wait) {
      next.providerRateLimited(providerId, operation, wait);
    }
  }

  /** Builds {@link SlackNotifications}; settings, catalog and people are required. */
  public static final class Builder {
    private @Nullable SlackSettings settings;
    private @Nullable Catalog catalog;
    private @Nullable PeopleDirectory people;
    private Outbox outbox = new InMemoryOutbox();
    private final Map<String, String> channels = new LinkedHashMap<>();
    private Function<RecordId, @Nullable URI> recordUrl = id -> null;
    private Function<String, @Nullable URI> ticketUrl = key -> null;
    private Duration syncEvery = Duration.ofMinutes(1);
    private Duration expiryWarning = Duration.ofHours(1);

    private Builder() {}

    /** The workspace, token and client settings. Required. */
    public Builder settings(SlackSettings settings) {
      this.settings = requireNonNull(settings, "settings");
      return this;
    }

    /** The catalog the service was built with (roles, tiers, applications). Required. */
    public Builder catalog(Catalog catalog) {
      this.catalog = requireNonNull(catalog, "catalog");
      return this;
    }

    /** The people directory the service was built with, for approvers' e-mails. Required. */
    public Builder people(PeopleDirectory people) {
      this.people = requireNonNull(people, "people");
      return this;
    }

    /**
     * Where messages wait for Slack, and where the module remembers what it posted. Default: a new
     * {@link InMemoryOutbox}, which forgets both when the process stops; use a durable one of the
     * module's own, e.g. {@code AccessStores.outbox("slack")} from {@code access-jdbc}.
     */
    public Builder outbox(Outbox outbox) {
      this.outbox = requireNonNull(outbox, "outbox");
      return this;
    }

    /**
     * Posts approval requests for the application's roles to this channel (one message, which
     * anyone there may click; the service still checks who may decide) instead of direct messages.
     * The bot must be a member of the channel. Default: direct messages for every application.
     *
     * @param applicationId the catalog's application id
     * @param channelId the channel's id ({@code C...}), not its name
     */
    public Builder channel(String applicationId, String channelId) {
      requireNonNull(applicationId, "applicationId");
      requireNonNull(channelId, "channelId");
      if (!channelId.matches("[CG][A-Z0-9]{2,}")) {
        throw new AccessConfigurationException(
            "Slack channel for application "
                + applicationId
                + " must be a channel id such as C0123456789 (channel details → About), was '"
                + channelId
                + "'");
      }
      channels.put(applicationId, channelId);
      return this;
    }

    /**
     * The host's page of a record, as a template with {@code {id}} where the record id goes, e.g.
     * {@code https://access.example.com/records/{id}}. Default: none, messages name the id.
     */
    public Builder recordUrl(String template) {
      this.recordUrl = Links.template(template, "{id}", "recordUrl", RecordId::value);
      return this;
    }

    /**
     * The ticket's page, as a template with {@code {key}} where the ticket key goes, e.g. {@code
     * https://example.atlassian.net/browse/{key}}. Default: none, messages name the key.
     */
    public Builder ticketUrl(String template) {
      this.ticketUrl = Links.template(template, "{key}", "ticketUrl", key -> key);
      return this;
    }

    /**
     * How often the store is compared with what Slack was sent, to catch what no event reported (a
     * record committed just before a crash, an intermediate approval). Default: 1 minute.
     */
    public Builder syncEvery(Duration syncEvery) {
      requireNonNull(syncEvery, "syncEvery");
      if (syncEvery.isNegative() || syncEvery.isZero()) {
        throw new AccessConfigurationException(
            "Slack syncEvery must be positive, was " + syncEvery);
      }
      this.syncEvery = syncEvery;
      return this;
    }

    /**
     * How long before time-bound access ends its holder is asked whether to extend it ("your admin
     * access ends in 1 hour — extend?", with an {@code access.extend} button valued with the record
     * id); once per end (a new end after an extension is warned of again), found by each sync among
     * the active records. {@link Duration#ZERO} turns the warnings off. Default: 1 hour.
     */
    public Builder expiryWarning(Duration before) {
      requireNonNull(before, "before");
      if (before.isNegative()) {
        throw new AccessConfigurationException(
            "Slack expiryWarning must not be negative, was " + before);
      }
      this.expiryWarning = before;
      return this;
    }

    /**
     * The notifications; nothing is sent before {@link SlackNotifications#start}.
     *
     * @throws AccessConfigurationException naming the missing setting
     */
    public SlackNotifications build() {
      if (settings == null || catalog == null || people == null) {
        throw new AccessConfigurationException(
            "SlackNotifications needs "
                + (settings == null
                    ? "settings(SlackSettings)"
                    : catalog == null ? "catalog(Catalog)" : "people(PeopleDirectory)")
                + ": the workspace, and the catalog and people directory the service uses");
      }
      for (String app : channels.keySet()) {
        if (catalog.application(app).isEmpty()) {
          throw new AccessConfigurationException(
              "Slack channel given for application '" + app + "', which the catalog does not have");
        }
      }
      SlackApi api =
          new SlackApi(
              settings.apiUrl(), settings.botToken(), "SlackSettings.botToken", settings.client());
      return new SlackNotifications(
          new Outbound(
              api,
              outbox,
              catalog,
              people,
              channels,
              new Links(recordUrl, ticketUrl),
              syncEvery,
              expiryWarning));
    }
  }
}
