package dev.attrprompt.task;

/**
 * The Mustache templates that turn a plan item into a prompt. The built-in wording is used
 * unless a task sets its own.
 */
public record Templates(String simprompt, String attrprompt) {

  public static final String DEFAULT_SIMPROMPT = """
      Write one {{domain}} about "{{label}}"{{#source}}, of the kind found in {{source}}{{/source}}.
      Reply with the {{domain}} only, with no title and no comments before or after it.
      """;

  public static final String DEFAULT_ATTRPROMPT = """
      Write one {{domain}} about "{{label}}"{{#source}}, of the kind found in {{source}}{{/source}}.
      It must meet these requirements:
      {{#attributes}}
      - {{phrase}}
      {{/attributes}}
      {{#similar_text}}
      - It should clearly belong to "{{label}}" and not to {{similar_text}}.
      {{/similar_text}}
      Reply with the {{domain}} only, with no title and no comments before or after it.
      """;

  public static final Templates DEFAULTS = new Templates(DEFAULT_SIMPROMPT, DEFAULT_ATTRPROMPT);
}
