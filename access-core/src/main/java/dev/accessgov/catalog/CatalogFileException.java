package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;

/**
 * A catalog file that could not be turned into a {@link Catalog}: malformed YAML or JSON, an
 * unknown key, a value of the wrong type or out of range, a required field missing, or a catalog
 * the builder refuses (a role id used twice, a SoD rule naming an unknown role). The message starts
 * with {@code file:line:column} of the offending element and says what to fix.
 */
public class CatalogFileException extends AccessConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final int column;
  private final String problem;

  /**
   * A failure at a place in a catalog file.
   *
   * @param source the file name (or other name the document was read under)
   * @param line the line, from 1; 0 when unknown
   * @param column the column, from 1; 0 when unknown
   * @param problem what is wrong and what to do about it
   */
  public CatalogFileException(String source, int line, int column, String problem) {
    super(requireNonNull(source, "source") + ":" + line + ":" + column + ": " + problem);
    this.source = source;
    this.line = line;
    this.column = column;
    this.problem = requireNonNull(problem, "problem");
  }

  /** The name of the file (or of the document) that holds the mistake. */
  public String source() {
    return source;
  }

  /** The line of the offending element, from 1; 0 when unknown. */
  public int line() {
    return line;
  }

  /** The column of the offending element, from 1; 0 when unknown. */
  public int column() {
    return column;
  }

  /** What is wrong and what to do about it, without the location. */
  public String problem() {
    return problem;
  }
}
