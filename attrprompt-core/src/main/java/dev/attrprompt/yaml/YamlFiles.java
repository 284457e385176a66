package dev.attrprompt.yaml;

import dev.attrprompt.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads YAML files into located nodes; syntax errors, text that is not UTF-8 and files over
 * {@link #MAX_BYTES} become one-line {@link UserError}s.
 */
public final class YamlFiles {
  private YamlFiles() {}

  /**
   * The largest YAML file read: 8 MiB. A file is parsed whole into located nodes, which takes
   * about 30 times its size in memory (a 50 MB file took 1.5 GB); task and attribute files hold
   * short values, and the largest attribute list of the AttrPrompt release is 0.25 MB.
   */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  /** Parses {@code file}; an empty document is reported as an error naming the file. */
  public static YamlNode read(Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // YamlMap reports duplicates with their location
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit((int) MAX_BYTES);
    try {
      String text = text(file);
      Node root = new Yaml(options).compose(new java.io.StringReader(text));
      if (root == null) {
        throw UserError.in(file, "the file is empty; see docs/task-spec.md for its format");
      }
      return new YamlNode(file, root, "");
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      int line = mark == null ? 1 : mark.getLine() + 1;
      int column = mark == null ? 1 : mark.getColumn() + 1;
      throw UserError.at(file, line, column, "invalid YAML: " + oneLine(problem)
          + "; fix the syntax at this place");
    } catch (YAMLException e) {
      throw UserError.in(file, "invalid YAML: " + oneLine(e.getMessage()));
    } catch (NoSuchFileException e) {
      throw UserError.in(file, "no such file");
    } catch (IOException e) {
      throw UserError.in(file, "cannot read: " + e.getMessage());
    }
  }

  /** The file's text: refused when it is over the size limit or not UTF-8. */
  static String text(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw UserError.in(file, String.format(Locale.ROOT, "%.1f MB is over the %d MB limit for "
          + "task and attribute files (a YAML file is parsed whole in memory, at about 30 times its "
          + "size); keep fewer values, or split them over several dimensions",
          size / 1e6, MAX_BYTES / (1024 * 1024)));
    }
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw notUtf8(file, bytes, in.position());
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) { // valid UTF-8, but never in text: UTF-16 without a byte-order mark
        throw notUtf8(file, bytes, i);
      }
    }
    decoder.flush(out);
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text; // a UTF-8 byte-order mark
  }

  /** Names the line, column and byte offset of the first byte that is not UTF-8. */
  private static UserError notUtf8(Path file, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    // the column counts characters: the bytes before the bad one on its line are valid UTF-8
    int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
    boolean utf16 = bytes[offset] == 0 || (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
            || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)));
    return UserError.at(file, line, column, String.format(Locale.ROOT,
        "not UTF-8 text: byte 0x%02X at offset %d%s; save the file as UTF-8", bytes[offset] & 0xFF,
        offset, utf16 ? " (the file looks like UTF-16)" : ""));
  }

  private static String oneLine(String text) {
    return text == null ? "syntax error" : text.replaceAll("\\s+", " ").strip();
  }
}
