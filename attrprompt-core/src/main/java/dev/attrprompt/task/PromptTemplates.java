package dev.attrprompt.task;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Compiles prompt templates (Mustache) the same way for validation and for rendering. */
public final class PromptTemplates {
  private PromptTemplates() {}

  // Prompts are plain text: no HTML escaping; empty strings and empty lists are false in sections.
  private static final Mustache.Compiler COMPILER = Mustache.compiler()
      .escapeHTML(false)
      .emptyStringIsFalse(true)
      .defaultValue("");

  /** Compiles {@code text}; syntax errors surface as {@link MustacheException}. */
  public static Template compile(String text) {
    return COMPILER.compile(text);
  }

  /** Every variable and section name the template uses, in order of appearance. */
  public static Set<String> placeholders(Template template) {
    Set<String> names = new LinkedHashSet<>();
    template.visit(new Mustache.Visitor() {
      @Override public void visitText(String text) {}
      @Override public void visitVariable(String name) {
        names.add(name);
      }
      @Override public boolean visitInclude(String name) {
        names.add(">" + name);
        return false;
      }
      @Override public boolean visitSection(String name) {
        names.add(name);
        return true;
      }
      @Override public boolean visitInvertedSection(String name) {
        names.add(name);
        return true;
      }
    });
    return names;
  }

  /** The names of {@code used} that are neither in {@code allowed} nor Mustache's own. */
  public static List<String> unknown(Set<String> used, Set<String> allowed) {
    List<String> unknown = new ArrayList<>();
    for (String name : used) {
      String head = name.split("\\.", 2)[0];
      if (name.equals(".") || name.equals("this") || name.startsWith("-")
          || allowed.contains(head)) {
        continue;
      }
      unknown.add(name);
    }
    return unknown;
  }
}
