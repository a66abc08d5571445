package dev.accessgov.cli;

/** The formats {@code report} writes; each kind of report says which of them it has. */
enum ReportFormat {
  /** One JSON object. */
  JSON,
  /** RFC 4180 CSV with a header row. */
  CSV,
  /** One self-contained HTML page for people, with charts where the report has lags. */
  HTML
}
