package dev.attrprompt.yaml;

import dev.attrprompt.UserError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads YAML files into located nodes; syntax errors become one-line {@link UserError}s. */
public final class YamlFiles {
  private YamlFiles() {}

  /** Parses {@code file}; an empty document is reported as an error naming the file. */
  public static YamlNode read(Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // YamlMap reports duplicates with their location
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(64 * 1024 * 1024);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node root = new Yaml(options).compose(reader);
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
    } catch (CharacterCodingException e) {
      throw UserError.in(file, "not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw UserError.in(file, "cannot read: " + e.getMessage());
    }
  }

  private static String oneLine(String text) {
    return text == null ? "syntax error" : text.replaceAll("\\s+", " ").strip();
  }
}
