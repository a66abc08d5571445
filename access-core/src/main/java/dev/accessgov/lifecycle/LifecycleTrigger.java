package dev.accessgov.lifecycle;

import java.util.Locale;

/** What in a person's working life caused access to change. */
public enum LifecycleTrigger {
  /** The person joined: they get their birthright access. */
  ONBOARDING,
  /** The person moved (department, title, location or employment type changed). */
  TRANSFER,
  /** The person left: all their access ends. */
  OFFBOARDING;

  /** How walkthroughs and reports name it, e.g. {@code onboarding}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
