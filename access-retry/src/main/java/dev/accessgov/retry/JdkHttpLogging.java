package dev.accessgov.retry;

import dev.accessgov.AccessConfigurationException;
import java.util.Locale;

/**
 * A guard for provider modules that send credentials through the JDK's {@link
 * java.net.http.HttpClient}: with the system property {@value #PROPERTY} naming {@code headers} or
 * {@code all}, the JDK writes every request header, {@code Authorization} included, to its {@code
 * jdk.httpclient.HttpClient} logger, and nothing a module does can keep the credential out of that
 * log. The other categories ({@code errors}, {@code requests}, {@code frames}, {@code content},
 * {@code ssl}, {@code trace}, {@code channel}) log no header.
 */
public final class JdkHttpLogging {
  /** The JDK's switch for its HttpClient's own logging. */
  public static final String PROPERTY = "jdk.httpclient.HttpClient.log";

  private JdkHttpLogging() {}

  /**
   * Refuses to build a client that would send {@code vendor}'s credential while the JDK logs
   * request headers.
   *
   * @throws AccessConfigurationException naming the property and what to remove from it
   */
  public static void refuseHeaderLogging(String vendor) {
    String value = System.getProperty(PROPERTY);
    if (value == null) {
      return;
    }
    for (String category : value.split(",")) {
      String c = category.trim().toLowerCase(Locale.ROOT);
      if (c.equals("headers") || c.equals("all")) {
        throw new AccessConfigurationException(
            "the JDK HttpClient logs request headers (system property "
                + PROPERTY
                + "="
                + value.trim()
                + "), which would write the "
                + vendor
                + " credential to the log; remove 'headers' and 'all' from it"
                + " (errors,requests,frames,content,ssl,trace,channel do not log headers)");
      }
    }
  }
}
