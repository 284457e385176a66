package dev.attrprompt.task;

/**
 * The Mustache templates that turn a plan item into a prompt. The built-in wording is used
 * unless a task sets its own; it asks for the text the way the task's {@link LabelRole} reads
 * ({@code request_text}: "one news article about "Sports"", "one negative movie review", "one
 * Reddit post in the "guitar" community").
 */
public record Templates(String simprompt, String attrprompt) {

  public static final String DEFAULT_SIMPROMPT = """
      Write {{request_text}}{{#source}}, of the kind found in {{source}}{{/source}}.
      {{#rating_text}}
      Its overall rating is {{rating_text}}.
      {{/rating_text}}
      Reply with the {{domain}} only, with no title and no comments before or after it.
      """;

  public static final String DEFAULT_ATTRPROMPT = """
      Write {{request_text}}{{#source}}, of the kind found in {{source}}{{/source}}.
      It must meet these requirements:
      {{#rating_text}}
      - Its overall rating is {{rating_text}}.
      {{/rating_text}}
      {{#attributes}}
      - {{phrase}}
      {{#guidance}}
        Guidance: {{guidance}}
      {{/guidance}}
      {{/attributes}}
      {{#similar_clause}}
      - {{similar_clause}}
      {{/similar_clause}}
      Reply with the {{domain}} only, with no title and no comments before or after it.
      """;

  public static final Templates DEFAULTS = new Templates(DEFAULT_SIMPROMPT, DEFAULT_ATTRPROMPT);
}
