package dev.accessgov.catalog;

import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PersonAttribute;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

class CatalogFilesPropertyTest {
  /** Characters YAML and JSON must quote or escape, beside plain ones and non-ASCII. */
  private static final String ALPHABET = "abcXYZ09 -_:#'\"{}[],&*!|>%@`?~=éß中—/\\";

  @Property(tries = 200)
  @Label("random catalogs written to YAML and JSON load back equal")
  void roundTrip(@ForAll long seed) {
    Catalog catalog = new Generator(new Random(seed)).catalog();
    for (CatalogFiles.Format format : CatalogFiles.Format.values()) {
      StringWriter out = new StringWriter();
      CatalogFiles.write(catalog, out, format);

      Catalog back =
          CatalogFiles.read(new StringReader(out.toString()), "random." + format, format);

      CatalogFilesTest.assertSame(back, catalog);
    }
  }

  /** Valid catalogs through the Java builders, every optional part sometimes set. */
  private static final class Generator {
    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    Catalog catalog() {
      Catalog.Builder catalog = Catalog.builder();
      List<RoleId> roles = new ArrayList<>();
      List<RoleId> openOrDefault = new ArrayList<>();
      int apps = 1 + random.nextInt(3);
      for (int a = 0; a < apps; a++) {
        String appId = a + text();
        Application.Builder app = Application.builder(appId).owner(text());
        if (random.nextBoolean()) {
          app.name(random.nextBoolean() ? text() : "");
        }
        int count = 1 + random.nextInt(3);
        for (int r = 0; r < count; r++) {
          String roleId = a + "." + r + "/" + text();
          ExpiryPolicy[] expiry = new ExpiryPolicy[1];
          app.role(role(roleId, expiry));
          roles.add(RoleId.of(roleId));
          if (expiry[0].allowsOpenEnded() || expiry[0].defaultDuration() != null) {
            openOrDefault.add(RoleId.of(roleId));
          }
        }
        catalog.application(app);
      }
      int rules = roles.size() < 2 ? 0 : random.nextInt(3);
      for (int i = 0; i < rules; i++) {
        List<RoleId> shuffled = new ArrayList<>(roles);
        Collections.shuffle(shuffled, random);
        RoleId[] some =
            shuffled.subList(0, 2 + random.nextInt(shuffled.size() - 1)).toArray(RoleId[]::new);
        catalog.sodRule(
            random.nextBoolean()
                ? SodRule.refuse(text(), some)
                : SodRule.requireApproval(text(), personStep(), some));
      }
      // Only roles grantable without a requested duration may be birthrights, as in Java.
      int birthrights = openOrDefault.isEmpty() ? 0 : random.nextInt(4);
      for (int i = 0; i < birthrights; i++) {
        catalog.birthright(birthright(i, openOrDefault.get(random.nextInt(openOrDefault.size()))));
      }
      return catalog.build();
    }

    private BirthrightRule birthright(int i, RoleId role) {
      BirthrightRule.Builder rule = BirthrightRule.builder(i + text()).role(role);
      if (random.nextInt(4) == 0) {
        rule.everyone();
      } else {
        List<PersonAttribute> attributes = new ArrayList<>(List.of(PersonAttribute.values()));
        Collections.shuffle(attributes, random);
        for (PersonAttribute a : attributes.subList(0, 1 + random.nextInt(attributes.size()))) {
          List<String> oneOf = new ArrayList<>();
          int n = 1 + random.nextInt(3);
          for (int v = 0; v < n; v++) {
            oneOf.add(text());
          }
          rule.when(a, oneOf);
        }
      }
      if (random.nextBoolean()) {
        rule.approval(
            BirthrightApproval.values()[random.nextInt(BirthrightApproval.values().length)]);
      }
      return rule.build();
    }

    /** A role; its expiry policy is put in {@code chosen[0]}. */
    private Role.Builder role(String id, ExpiryPolicy[] chosen) {
      RiskTier tier = RiskTier.values()[random.nextInt(RiskTier.values().length)];
      Role.Builder role = Role.builder(id);
      if (random.nextBoolean()) {
        role.tier(tier);
      } else {
        tier = RiskTier.STANDARD;
      }
      if (random.nextBoolean()) {
        role.name(text());
      }
      int groups = 1 + random.nextInt(3);
      for (int g = 0; g < groups; g++) {
        role.group(text(), text());
      }
      if (random.nextBoolean()) {
        List<ApprovalStep> steps = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int s = 0; s < n; s++) {
          steps.add(random.nextInt(4) == 0 ? ApprovalStep.auto() : personStep());
        }
        role.approval(new ApprovalPolicy(steps));
      }
      ExpiryPolicy expiry = tier.defaultExpiryPolicy();
      if (random.nextBoolean()) {
        expiry = expiry(tier);
        role.expiry(expiry);
      }

      // A tier's default cap shorter than a drawn maximum must be raised, as in Java.
      Duration longest = expiry.maximum();
      boolean capTooShort =
          longest != null
              && tier.defaultMaxLifetime().map(cap -> cap.compareTo(longest) < 0).orElse(false);
      if (!expiry.allowsOpenEnded() && (capTooShort || random.nextBoolean())) {
        role.maxLifetime(expiry.maximum().plus(Duration.ofMillis(random.nextInt(1_000_000_000))));
      }
      chosen[0] = expiry;
      return role;
    }

    private ExpiryPolicy expiry(RiskTier tier) {
      long[] bounds = {millis(), millis(), millis()};
      Arrays.sort(bounds);
      Duration min = Duration.ofMillis(bounds[0]);
      Duration def = Duration.ofMillis(bounds[1]);
      Duration max = Duration.ofMillis(bounds[2]);
      switch (tier.requiresExpiry() ? random.nextInt(2) : random.nextInt(4)) {
        case 0:
          return ExpiryPolicy.required(min, max);
        case 1:
          return ExpiryPolicy.required(min, def, max);
        case 2:
          return ExpiryPolicy.none();
        default:
          return new ExpiryPolicy(
              false, random.nextBoolean() ? min : null, random.nextBoolean() ? def : null, max);
      }
    }

    private long millis() {
      return 1 + (long) (random.nextDouble() * Duration.ofDays(3650).toMillis());
    }

    private ApprovalStep personStep() {
      switch (random.nextInt(4)) {
        case 0:
          return ApprovalStep.manager();
        case 1:
          return ApprovalStep.appOwner();
        case 2:
          return ApprovalStep.anyOf(people(1 + random.nextInt(3)));
        default:
          PersonId[] people = people(2 + random.nextInt(3));
          return ApprovalStep.quorum(1 + random.nextInt(people.length), people);
      }
    }

    private PersonId[] people(int n) {
      PersonId[] people = new PersonId[n];
      for (int i = 0; i < n; i++) {
        people[i] = PersonId.of(i + text());
      }
      return people;
    }

    /** A non-blank text of 1 to 10 characters from {@link #ALPHABET}. */
    private String text() {
      StringBuilder s = new StringBuilder("x");
      int n = random.nextInt(10);
      for (int i = 0; i < n; i++) {
        s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      return random.nextBoolean() ? s.toString() : s.reverse().toString();
    }
  }
}
