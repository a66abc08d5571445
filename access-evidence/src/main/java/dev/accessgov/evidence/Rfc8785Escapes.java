package dev.accessgov.evidence;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import org.jspecify.annotations.Nullable;

/**
 * String escaping as RFC 8785 section 3.2.2.2 prescribes: only {@code "}, {@code \} and the control
 * characters below U+0020 are escaped; {@code \b \t \n \f \r} use their short forms and the other
 * controls {@code \}{@code u00xx} with lower-case hex. Everything else, including {@code /}, U+007F
 * and all non-ASCII text, is written as is.
 *
 * <p>Jackson's own escaping already leaves {@code /} and non-ASCII alone, but writes the long form
 * in upper-case hex ({@code \u001F}); this table makes the lower-case form explicit instead of
 * depending on a generator feature default.
 */
final class Rfc8785Escapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;

  private static final int[] ASCII_ESCAPES = asciiEscapes();
  private static final SerializedString[] CONTROL_ESCAPES = controlEscapes();

  static final Rfc8785Escapes INSTANCE = new Rfc8785Escapes();

  private Rfc8785Escapes() {}

  @Override
  public int[] getEscapeCodesForAscii() {
    // Jackson reads the table but does not modify it; sharing one copy is safe.
    return ASCII_ESCAPES;
  }

  @Override
  public @Nullable SerializableString getEscapeSequence(int ch) {
    return ch >= 0 && ch < CONTROL_ESCAPES.length ? CONTROL_ESCAPES[ch] : null;
  }

  private static int[] asciiEscapes() {
    // The standard table maps '"', '\\' and \b \t \n \f \r to their short forms; keep those.
    int[] table = standardAsciiEscapesForJSON();
    for (int ch = 0; ch < 0x20; ch++) {
      if (table[ch] == ESCAPE_STANDARD) {
        table[ch] = ESCAPE_CUSTOM;
      }
    }
    return table;
  }

  private static SerializedString[] controlEscapes() {
    SerializedString[] escapes = new SerializedString[0x20];
    for (int ch = 0; ch < escapes.length; ch++) {
      escapes[ch] = new SerializedString(String.format("\\u%04x", ch));
    }
    return escapes;
  }
}
