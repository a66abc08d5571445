package dev.accessgov.slack.internal;

/**
 * Escapes text for Slack's mrkdwn: {@code &}, {@code <} and {@code >} are the control characters
 * Slack documents, so a reason cannot mention {@code @channel} or forge a link. Not API.
 */
public final class Mrkdwn {
  private Mrkdwn() {}

  /** {@code text} with Slack's three control characters escaped. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
