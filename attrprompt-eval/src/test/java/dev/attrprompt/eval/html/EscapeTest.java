package dev.attrprompt.eval.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EscapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void htmlTextAndAttributesCannotOpenMarkup() {
    assertThat(Escape.html("<script>alert('x')</script> & \"q\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    assertThat(Escape.attribute("\" onmouseover=\"x")).isEqualTo("&quot; onmouseover=&quot;x");
    assertThat(Escape.html("plain text")).isSameAs("plain text");
    assertThat(Escape.html("a\0b")).isEqualTo("a\uFFFDb");
  }

  @Test
  void jsonInAScriptBlockCannotEndItOrOpenAComment() throws Exception {
    String json = JSON.writeValueAsString(Map.of("t", "</script><!-- <script> & \u2028\u2029 </SCRIPT"));
    String safe = Escape.scriptJson(json);
    assertThat(safe).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028")
        .doesNotContain("\u2029");
    assertThat(JSON.readTree(safe)).isEqualTo(JSON.readTree(json));
  }

  @Property(tries = 300)
  void scriptJsonReadsBackTheSameValue(@ForAll("hostile") String text) throws Exception {
    String json = JSON.writeValueAsString(Map.of("text", text, "list", List.of(text, text + "\\")));
    String safe = Escape.scriptJson(json);
    assertThat(safe.toLowerCase()).doesNotContain("</script").doesNotContain("<!--");
    assertThat(JSON.readTree(safe)).isEqualTo(JSON.readTree(json));
  }

  @Property(tries = 300)
  void escapedHtmlHasNoMarkupCharacters(@ForAll("hostile") String text) {
    String out = Escape.html(text);
    assertThat(out).doesNotContain("<").doesNotContain(">").doesNotContain("\"").doesNotContain("'");
    // & only as the start of an entity we wrote
    assertThat(out.replaceAll("&(amp|lt|gt|quot|#39);", "")).doesNotContain("&");
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.strings().withChars("<>&\"'/\\!-sScriptRIPT \u2028\u2029\0é").ofMaxLength(40);
  }
}
