package dev.attrprompt.task;

import com.samskivert.mustache.MustacheException;
import dev.attrprompt.UserError;
import dev.attrprompt.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a prompt template written in a YAML file before anything is sent: every {@code {{}}}
 * tag must be closed and name a field the template may use. A malformed tag is not Mustache to
 * the renderer, which would pass it to the LLM as text, so it is refused with the file, line and
 * column of the tag.
 */
public final class TemplateCheck {
  private TemplateCheck() {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*|\\.");
  private static final Pattern HALF_OPEN = Pattern.compile("(?<!\\{)\\{\\s*[A-Za-z_][A-Za-z0-9_.-]*\\s*\\}\\}");
  private static final Pattern SINGLE = Pattern.compile("(?<!\\{)\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}(?!\\})");

  /** A tag of a template: where it starts, its sigil ({@code #^/&!>} or none) and its name. */
  record Tag(int offset, String sigil, String name) {}

  /** A mistake in a template, at an offset of its text. */
  record Problem(int offset, String message) {}

  /**
   * The template text of {@code node}, checked: malformed tags, unknown names and Mustache syntax
   * errors become one {@link UserError} at the place in the file. {@code hint} ends the message
   * about an unknown name (what to use instead), followed by the allowed names.
   */
  public static String check(YamlNode node, Set<String> allowed, String hint) {
    String text = node.asNonBlankString();
    Optional<Problem> problem = problem(text, allowed, hint);
    if (problem.isPresent()) {
      int[] at = locate(node, text, problem.get().offset());
      throw UserError.at(node.file(), at[0], at[1], "template '" + node.path() + "' "
          + problem.get().message());
    }
    return text;
  }

  /** The first mistake of {@code text}, if any (pure; {@link #check} locates it in the file). */
  static Optional<Problem> problem(String text, Set<String> allowed, String hint) {
    List<Tag> tags = new ArrayList<>();
    Optional<Problem> syntax = scan(text, tags);
    if (syntax.isPresent()) {
      return syntax;
    }
    for (Tag tag : tags) {
      if (tag.sigil().equals("!")) {
        continue;
      }
      if (tag.sigil().equals(">")) {
        return Optional.of(new Problem(tag.offset(), "includes another template ({{>"
            + tag.name() + "}}), which prompts cannot do; write the text in place"));
      }
      if (!known(tag.name(), allowed)) {
        return Optional.of(new Problem(tag.offset(), "uses {{" + tag.sigil() + tag.name()
            + "}}, which names no dimension or field; " + hint + " " + String.join(", ", allowed)));
      }
    }
    Matcher single = SINGLE.matcher(text);
    while (single.find()) {
      if (allowed.contains(single.group(1))) {
        return Optional.of(new Problem(single.start(), "has '" + single.group() + "' with single "
            + "braces, which would reach the LLM as written; write {{" + single.group(1) + "}}"));
      }
    }
    try {
      PromptTemplates.compile(text);
    } catch (MustacheException e) {
      return Optional.of(new Problem(offsetOfLine(text, templateLine(e.getMessage())),
          "is not valid Mustache: " + e.getMessage().replaceAll("\\s+", " ") + "; fix the tags"));
    }
    return Optional.empty();
  }

  private static boolean known(String name, Set<String> allowed) {
    return PromptTemplates.unknown(Set.of(name), allowed).isEmpty();
  }

  /** Collects the tags of {@code text}; the first unclosed, stray or empty tag is a problem. */
  private static Optional<Problem> scan(String text, List<Tag> tags) {
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      Matcher stray = HALF_OPEN.matcher(text).region(i, open < 0 ? text.length() : open);
      if (stray.find()) {
        return Optional.of(new Problem(stray.start(), "has a tag opened with one brace, '"
            + stray.group() + "'; open it with '{{'"));
      }
      if (open < 0) {
        return Optional.empty();
      }
      boolean triple = text.startsWith("{{{", open);
      String closer = triple ? "}}}" : "}}";
      int bodyStart = open + (triple ? 3 : 2);
      int close = text.indexOf(closer, bodyStart);
      int nextOpen = text.indexOf("{{", bodyStart);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        return Optional.of(new Problem(open, "has a tag that is not closed, '"
            + excerpt(text, open) + "'; close it with '" + closer + "', e.g. {{domain}}"));
      }
      String body = text.substring(bodyStart, close).strip();
      String sigil = "";
      if (!triple && !body.isEmpty() && "#^/&!>=".indexOf(body.charAt(0)) >= 0) {
        sigil = body.substring(0, 1);
        body = body.substring(1).strip();
      }
      if (sigil.equals("=")) {
        return Optional.of(new Problem(open, "changes the delimiters ('" + excerpt(text, open)
            + "'), which prompts do not support; keep {{ and }}"));
      }
      if (!sigil.equals("!") && !NAME.matcher(body).matches()) {
        return Optional.of(new Problem(open, "has the tag '"
            + text.substring(open, close + closer.length())
            + "', which names no field; write a name such as {{label}}"));
      }
      tags.add(new Tag(open, sigil, body));
      i = close + closer.length();
    }
    return Optional.empty();
  }

  private static String excerpt(String text, int at) {
    int end = Math.min(text.length(), at + 24);
    int newline = text.indexOf('\n', at);
    if (newline >= 0 && newline < end) {
      end = newline;
    }
    return text.substring(at, end) + (end < text.length() && text.charAt(end) != '\n' ? "…" : "");
  }

  /** jmustache reports "@ line N" (1-based) of the template. */
  private static int templateLine(String message) {
    Matcher m = Pattern.compile("@ line (\\d+)").matcher(message == null ? "" : message);
    return m.find() ? Integer.parseInt(m.group(1)) : 1;
  }

  private static int offsetOfLine(String text, int line) {
    int offset = 0;
    for (int l = 1; l < line; l++) {
      int next = text.indexOf('\n', offset);
      if (next < 0) {
        break;
      }
      offset = next + 1;
    }
    return offset;
  }

  /**
   * The file line and column of {@code offset} in the template: the rest of its template line is
   * looked for in the file from the node's own line on (which works for plain, quoted and block
   * scalars alike); the node's position when it cannot be found.
   */
  private static int[] locate(YamlNode node, String text, int offset) {
    int lineEnd = text.indexOf('\n', offset);
    String rest = text.substring(offset, lineEnd < 0 ? text.length() : lineEnd).stripTrailing();
    try {
      List<String> lines = Files.readAllLines(node.file());
      for (String needle : List.of(rest, rest.substring(0, Math.min(rest.length(), 12)))) {
        if (needle.isEmpty()) {
          continue;
        }
        for (int l = node.line() - 1; l < lines.size(); l++) {
          int column = lines.get(l).indexOf(needle, l == node.line() - 1 ? node.column() - 1 : 0);
          if (column >= 0) {
            return new int[] {l + 1, column + 1};
          }
        }
      }
    } catch (IOException e) {
      // fall back to the node's own place
    }
    return new int[] {node.line(), node.column()};
  }
}
