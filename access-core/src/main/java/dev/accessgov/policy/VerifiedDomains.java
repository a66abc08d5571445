package dev.accessgov.policy;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.spi.Person;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The organisation's verified e-mail domains: an account whose identity lies outside them is
 * <em>unmanaged</em> (a personal address, a contractor's own mailbox), which reviews, reconcile
 * findings and reports mark. Set it with {@code AccessServiceBuilder.verifiedDomains}; reports read
 * it from {@code AccessService.verifiedDomains()}.
 *
 * <p><b>Matching.</b> An address's domain is the text after its last {@code @}, compared without
 * regard to case. It is verified when it equals a configured domain, or, for a domain added with
 * {@link #withSubdomainsOf}, when it ends with {@code "." + domain}. Nothing else matches: {@code
 * acme.com.evil.io} and {@code evilacme.com} are not {@code acme.com}, and {@code eu.acme.com} is
 * only when subdomains of {@code acme.com} were configured.
 *
 * <p><b>Which identity is judged</b> ({@link #unmanaged}): the account the identity provider lists
 * — its login. When the login is an address, it alone decides: a personal account stays unmanaged
 * even if its owner also has a company address. When the login is not an address (a plain user
 * name), the person the people directory resolves it to decides: managed when their id or one of
 * their aliases is an address in a verified domain. An account with no address at all, in the login
 * or the directory, is unmanaged: nothing shows that it belongs to the organisation.
 *
 * <p>With no domains configured ({@link #none()}, the default) nothing is judged and nothing is
 * marked. Immutable and thread-safe.
 */
public final class VerifiedDomains {
  private static final VerifiedDomains NONE = new VerifiedDomains(Set.of(), Set.of());

  /** A host name's label: letters, digits and inner hyphens, 1 to 63 characters. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  private final Set<String> exact;
  private final Set<String> withSubdomains;

  private VerifiedDomains(Set<String> exact, Set<String> withSubdomains) {
    this.exact = Set.copyOf(exact);
    this.withSubdomains = Set.copyOf(withSubdomains);
  }

  /** No verified domains: nothing is judged, no account is marked unmanaged. The default. */
  public static VerifiedDomains none() {
    return NONE;
  }

  /**
   * Exactly these domains, without their subdomains, e.g. {@code of("acme.com", "acme.co.uk")}.
   *
   * @throws AccessConfigurationException when a domain is blank, holds a wildcard, an {@code @} or
   *     anything that is not a host name of at least two labels in ASCII (write an international
   *     domain in its {@code xn--} form)
   */
  public static VerifiedDomains of(String... domains) {
    return NONE.with(domains, false);
  }

  /**
   * These domains as well, and every subdomain of each: {@code withSubdomainsOf("acme.com")}
   * verifies {@code acme.com} and {@code eu.acme.com}, never {@code evilacme.com}.
   *
   * @throws AccessConfigurationException as {@link #of}
   */
  public VerifiedDomains withSubdomainsOf(String... domains) {
    return with(domains, true);
  }

  private VerifiedDomains with(String[] domains, boolean subdomains) {
    requireNonNull(domains, "domains");
    Set<String> e = new TreeSet<>(exact);
    Set<String> s = new TreeSet<>(withSubdomains);
    for (String d : domains) {
      (subdomains ? s : e).add(check(d));
    }
    e.removeAll(s);
    return new VerifiedDomains(e, s);
  }

  /** A configured domain in lower case, or an exception that says what to write instead. */
  private static String check(@Nullable String domain) {
    if (domain == null || domain.isBlank()) {
      throw new AccessConfigurationException(
          "a verified domain must not be blank; give a domain such as acme.com");
    }
    String d = domain.strip().toLowerCase(Locale.ROOT);
    if (d.contains("*")) {
      throw new AccessConfigurationException(
          "verified domain '"
              + domain
              + "' holds a wildcard; give the domain itself (acme.com) and use"
              + " withSubdomainsOf(\"acme.com\") to include its subdomains");
    }
    if (d.contains("@")) {
      throw new AccessConfigurationException(
          "verified domain '"
              + domain
              + "' is an address; give only the part after the @, e.g. acme.com");
    }
    String[] labels = d.split("\\.", -1);
    boolean valid = d.length() <= 253 && labels.length >= 2;
    for (String label : labels) {
      valid &= LABEL.matcher(label).matches();
    }
    if (!valid) {
      throw new AccessConfigurationException(
          "verified domain '"
              + domain
              + "' is not a domain name; give one such as acme.com: ASCII letters, digits and"
              + " hyphens in dot-separated labels, at least two labels, no leading or trailing dot"
              + " (an international domain in its xn-- form)");
    }
    return d;
  }

  /** Whether no domain is configured, so that nothing is marked. */
  public boolean isEmpty() {
    return exact.isEmpty() && withSubdomains.isEmpty();
  }

  /** The domains verified exactly, in lower case and sorted. */
  public Set<String> exact() {
    return new TreeSet<>(exact);
  }

  /** The domains verified with their subdomains, in lower case and sorted. */
  public Set<String> withSubdomains() {
    return new TreeSet<>(withSubdomains);
  }

  /**
   * The domain of {@code identifier} in lower case when it is an address (some text, an {@code @}
   * and a domain after the last {@code @}); empty otherwise.
   */
  public static Optional<String> domainOf(String identifier) {
    String s = requireNonNull(identifier, "identifier").strip();
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(s.substring(at + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Whether {@code identifier} is an address in a verified domain. False for an identifier that is
   * not an address, and for every identifier when no domain is configured.
   */
  public boolean covers(String identifier) {
    return domainOf(identifier).map(this::verified).orElse(false);
  }

  private boolean verified(String domain) {
    if (exact.contains(domain) || withSubdomains.contains(domain)) {
      return true;
    }
    for (String d : withSubdomains) {
      if (domain.endsWith("." + d)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the account with {@code login} (as the identity provider lists it) is unmanaged, and
   * why, as the class javadoc defines it; {@code person} is whom the people directory resolves the
   * login to, or null when it knows nobody. Empty when the account is managed, and always when no
   * domain is configured.
   *
   * @return one line for people, e.g. {@code login bob@gmail.com is outside the verified domains
   *     (acme.com)}
   */
  public Optional<String> unmanaged(String login, @Nullable Person person) {
    requireNonNull(login, "login");
    if (isEmpty()) {
      return Optional.empty();
    }
    if (domainOf(login).isPresent()) {
      return covers(login)
          ? Optional.empty()
          : Optional.of("login " + login.strip() + " is outside the verified domains " + this);
    }
    if (person == null) {
      return Optional.of(
          "login "
              + login.strip()
              + " is not an address and the people directory knows nobody by it: nothing shows"
              + " it lies in the verified domains "
              + this);
    }
    boolean anyAddress = false;
    for (String id : person.identifiers()) {
      if (covers(id)) {
        return Optional.empty();
      }
      anyAddress |= domainOf(id).isPresent();
    }
    return Optional.of(
        anyAddress
            ? "no address of "
                + person.id()
                + " (login "
                + login.strip()
                + ") is in the verified domains "
                + this
            : "no address is known for "
                + person.id()
                + " (login "
                + login.strip()
                + "): nothing shows it lies in the verified domains "
                + this);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof VerifiedDomains v
        && exact.equals(v.exact)
        && withSubdomains.equals(v.withSubdomains);
  }

  @Override
  public int hashCode() {
    return exact.hashCode() * 31 + withSubdomains.hashCode();
  }

  /** E.g. {@code (acme.com, *.acme.io)}; {@code (none)} when empty. */
  @Override
  public String toString() {
    if (isEmpty()) {
      return "(none)";
    }
    Set<String> all = new TreeSet<>(exact);
    for (String d : withSubdomains) {
      all.add(d);
      all.add("*." + d);
    }
    return "(" + String.join(", ", all) + ")";
  }
}
