package dev.accessgov.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * What access-cli writes to a terminal: evidence is text a requester typed, so a reason holding
 * ESC, CR or a bidi override could clear the auditor's screen, overwrite a line or reverse one.
 * Every control character (C0 but tab and line feed, DEL, C1), a carriage return not ending a line,
 * the bidi controls and the line and paragraph separators are shown as {@code \}{@code uXXXX};
 * other text, accents, scripts and emoji included, is left as it is. The escape is also a JSON
 * escape of the same character, so a JSON report on standard output stays valid JSON that means the
 * same.
 *
 * <p>{@link AccessCli#commandLine} wraps standard output and standard error in {@link #safe}, so
 * every command's output and every error pass through it. Files written with {@code --out} are
 * written as they are.
 */
final class Terminal {
  private Terminal() {}

  /** {@code text} with every character that could drive a terminal escaped. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        b.append(c);
      } else {
        append(b, c);
      }
    }
    return b.toString();
  }

  /** Whether {@code c} is shown escaped (a carriage return ending a line is kept). */
  static boolean unsafe(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    if (Character.getType(c) == Character.CONTROL) {
      return true; // C0, DEL, C1
    }
    return c == '\u061c' // Arabic letter mark
        || c == '\u200e' // left-to-right mark
        || c == '\u200f' // right-to-left mark
        || (c >= '\u202a' && c <= '\u202e') // embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069') // isolates
        || c == '\u2028' // line separator
        || c == '\u2029'; // paragraph separator
  }

  private static void append(StringBuilder b, char c) {
    if (unsafe(c)) {
      b.append(String.format("\\u%04x", (int) c));
    } else {
      b.append(c);
    }
  }

  /** {@code out}, escaping as {@link #escape} does everything written to it. */
  static PrintWriter safe(Writer out) {
    return new PrintWriter(new Escaping(out), true);
  }

  /** Escapes as it writes; holds back a carriage return until it knows whether a line ends. */
  private static final class Escaping extends FilterWriter {
    private boolean pendingReturn;

    Escaping(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      char ch = (char) c;
      if (pendingReturn) {
        pendingReturn = false;
        out.write(ch == '\n' ? "\r" : "\\u000d");
      }
      if (ch == '\r') {
        pendingReturn = true;
      } else if (unsafe(ch)) {
        out.write(String.format("\\u%04x", (int) ch));
      } else {
        out.write(ch);
      }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(buf[i]);
      }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(str.charAt(i));
      }
    }

    @Override
    public void flush() throws IOException {
      // A carriage return waits for its line feed; it is written once the next character comes.
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (pendingReturn) {
        pendingReturn = false;
        out.write("\\u000d");
      }
      out.close();
    }
  }
}
