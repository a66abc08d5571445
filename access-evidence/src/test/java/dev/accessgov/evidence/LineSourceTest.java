package dev.accessgov.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LineSource")
class LineSourceTest {

  @Test
  @DisplayName("splits on \\n only, keeps empty lines and a last line without terminator")
  void splits() throws IOException {
    assertThat(lines("a\n\nb\r\nc")).containsExactly("a", "", "b\r", "c");
    assertThat(lines("a\n")).containsExactly("a");
    assertThat(lines("")).isEmpty();
  }

  @Test
  @DisplayName("reassembles lines that span read chunks, and lines ending exactly at a chunk end")
  void chunkBoundaries() throws IOException {
    String longLine = "x".repeat(200_000);
    String exact = "y".repeat(64 * 1024 - 1);

    assertThat(lines(longLine + "\nz\n")).containsExactly(longLine, "z");
    assertThat(lines(exact + "\n" + "w")).containsExactly(exact, "w");
  }

  @Test
  @DisplayName("numbers lines from 1")
  void numbers() throws IOException {
    try (LineSource source = source("a\nb\n")) {
      source.next();
      source.next();
      assertThat(source.lineNumber()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("refuses a line longer than the limit instead of buffering it")
  void tooLong() throws IOException {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'a';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'a');
            return len;
          }
        };
    try (LineSource source = new LineSource(endless)) {
      assertThatThrownBy(source::next)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("longer than " + LineSource.MAX_LINE);
      assertThat(source.lineNumber()).isEqualTo(1);
    }
  }

  private static List<String> lines(String text) throws IOException {
    List<String> lines = new ArrayList<>();
    try (LineSource source = source(text)) {
      while (source.next()) {
        lines.add(new String(source.bytes(), 0, source.length(), UTF_8));
      }
    }
    return lines;
  }

  private static LineSource source(String text) {
    return new LineSource(new ByteArrayInputStream(text.getBytes(UTF_8)));
  }
}
