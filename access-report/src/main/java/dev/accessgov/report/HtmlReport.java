package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.report.internal.HtmlPage;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One self-contained HTML file a person reads: the evidence behind it first ({@link Provenance}),
 * then a summary, charts of the lags, then the tables. It needs nothing else to open: styles and
 * charts (inline SVG) are in the file, and it loads no script, font or image.
 *
 * <p>Every value is escaped by the template engine (jte, HTML content type) according to where it
 * lands, so a person id, reason or comment holding markup shows as text.
 *
 * <pre>{@code
 * HtmlReport.builder("Access review, Q3 2026")
 *     .access(AccessReport.of(access, catalog, now))
 *     .control(ControlReport.of(access, Period.of(julyFirst, octoberFirst)))
 *     .metrics(OperationalMetrics.of(access, catalog, now))
 *     .build()
 *     .write(Path.of("q3-access.html"));
 * }</pre>
 */
public final class HtmlReport {
  // Compiled by jte-maven-plugin into this package (see the pom), loaded from this class's loader.
  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(
          null,
          ContentType.Html,
          HtmlReport.class.getClassLoader(),
          "dev.accessgov.report.internal.jte");
  private static final String TEMPLATE = "report.jte";

  private final HtmlPage page;

  private HtmlReport(HtmlPage page) {
    this.page = page;
  }

  /** A builder for a page headed {@code title}; add at least one report. */
  public static Builder builder(String title) {
    return new Builder(requireNonNull(title, "title"));
  }

  /** The page as a string. */
  public String render() {
    StringOutput out = new StringOutput();
    ENGINE.render(TEMPLATE, page, out);
    return out.toString();
  }

  /** Writes the page to {@code file} as UTF-8, replacing it. */
  public void write(Path file) {
    requireNonNull(file, "file");
    try {
      Files.writeString(file, render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the HTML report to " + file, e);
    }
  }

  /** Collects the reports a page shows; each is optional, but one is needed. */
  public static final class Builder {
    private final String title;
    private @Nullable AccessReport access;
    private @Nullable ControlReport control;
    private @Nullable OperationalMetrics metrics;
    private @Nullable Retrospective retrospective;
    private @Nullable Instant generatedAt;
    private @Nullable Provenance provenance;

    private Builder(String title) {
      this.title = title;
    }

    /** Shows who holds what access. */
    public Builder access(AccessReport report) {
      this.access = requireNonNull(report, "report");
      return this;
    }

    /** Shows a period's controls. */
    public Builder control(ControlReport report) {
      this.control = requireNonNull(report, "report");
      return this;
    }

    /** Shows the operational metrics and charts their lags. */
    public Builder metrics(OperationalMetrics report) {
      this.metrics = requireNonNull(report, "report");
      return this;
    }

    /**
     * Shows a period's look back at just-in-time access: a chart of granted hours by role, charts
     * of approval lag by approver and team, the shares, and the never-used and after-the-end lists.
     */
    public Builder retrospective(Retrospective report) {
      this.retrospective = requireNonNull(report, "report");
      return this;
    }

    /**
     * States the evidence behind the page in a section at its top: whether the evidence log was
     * verified, its size, the latest checkpoint and its key, the store and the library version.
     * Default: none, and the page says plainly that the evidence behind it was not verified.
     */
    public Builder provenance(Provenance provenance) {
      this.provenance = requireNonNull(provenance, "provenance");
      return this;
    }

    /** When the page says it was made. Default: now. */
    public Builder generatedAt(Instant at) {
      this.generatedAt = requireNonNull(at, "at");
      return this;
    }

    /**
     * The page.
     *
     * @throws IllegalStateException when no report was added
     */
    public HtmlReport build() {
      if (access == null && control == null && metrics == null && retrospective == null) {
        throw new IllegalStateException("an HTML report needs at least one report to show");
      }
      Instant at = generatedAt != null ? generatedAt : Instant.now();
      return new HtmlReport(
          HtmlPage.of(title, at, provenance, access, control, metrics, retrospective));
    }
  }
}
