package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The manifest keeps where answers came from, never what could be a secret. */
class ManifestEndpointTest {

  @Test
  void theEndpointKeepsSchemeHostPortAndPathOnly() {
    assertThat(Manifest.endpoint(URI.create("https://user:sk-secret@example.openai.azure.com:8443/openai/v1"
        + "?api-version=2024-10-21&api-key=sk-secret#frag")))
        .isEqualTo("https://example.openai.azure.com:8443/openai/v1");
    assertThat(Manifest.endpoint(URI.create("http://127.0.0.1:8089/v1"))).isEqualTo("http://127.0.0.1:8089/v1");
    assertThat(Manifest.endpoint(URI.create("https://api.openai.com"))).isEqualTo("https://api.openai.com");
  }
}
