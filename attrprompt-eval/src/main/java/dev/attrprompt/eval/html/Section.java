package dev.attrprompt.eval.html;

import java.util.Map;

/**
 * One part of the page. A section writes itself only when its data exists, and puts the figures it
 * derives (beyond the analyses, evaluations and status the model holds) into {@code data}, which
 * the page embeds and writes beside it under "sections" → its id.
 */
interface Section {
  void render(Model model, Page page, Map<String, Object> data);
}
