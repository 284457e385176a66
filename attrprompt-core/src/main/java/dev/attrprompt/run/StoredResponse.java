package dev.attrprompt.run;

/** An answered request and the model's raw answer. */
public record StoredResponse(StoredRequest request, String content, String finishReason) {

  public boolean truncated() {
    return "length".equals(finishReason);
  }
}
