package dev.attrprompt.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds chat completion answers. Online requests and batch lines both come here, so a batch
 * answers exactly what the same request would have answered online.
 */
final class ChatService {
  /** Sent as {@code system_fingerprint}: every answer says it comes from the simulator. */
  static final String FINGERPRINT = "attrprompt-sim";

  private static final Pattern WORD = Pattern.compile("\\S+");

  private final AtomicLong ids = new AtomicLong();
  private final double judgeError;
  /** Labels of the text prompts answered so far: where an off-label text finds another label. */
  private final java.util.Set<String> labelsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** @param judgeError share of "which label fits this text?" answers that name a wrong option */
  ChatService(double judgeError) {
    this.judgeError = judgeError;
  }

  /** One answer, with how it counts and the tokens it served. */
  record Result(ObjectNode body, Outcome outcome, long promptTokens, long completionTokens) {}

  /** Answers {@code request}; {@code fault} may be NONE, TRUNCATE, REFUSAL or OFF_LABEL. */
  Result complete(ChatRequest request, Fault fault) {
    List<String> contents = switch (fault) {
      case REFUSAL -> Collections.nCopies(request.n(), ContentWriter.REFUSAL);
      case OFF_LABEL -> ContentWriter.writeOffLabel(request.messages(), request.seed(), request.n(), labelsSeen,
          judgeError);
      default -> ContentWriter.write(request.messages(), request.seed(), request.n(), judgeError);
    };
    String prompt = ContentWriter.promptOf(request.messages());
    String label = Judging.read(prompt).isPresent() ? "" : PromptReading.read(prompt).label();
    if (!label.isEmpty()) {
      labelsSeen.add(label);
    }
    Outcome outcome = fault == Fault.REFUSAL ? Outcome.REFUSAL : Outcome.OK;
    ArrayNode choices = Json.MAPPER.createArrayNode();
    long completionTokens = 0;
    for (int i = 0; i < contents.size(); i++) {
      String text = contents.get(i);
      String finish = "stop";
      if (fault == Fault.TRUNCATE) {
        text = halve(text);
        finish = "length";
      }
      if (request.maxTokens() > 0 && Tokens.of(text) > request.maxTokens()) {
        text = cutToChars(text, request.maxTokens() * 4);
        finish = "length";
      }
      if (finish.equals("length")) {
        outcome = Outcome.TRUNCATED;
      }
      completionTokens += Tokens.of(text);
      choices.add(choice(i, text, finish));
    }
    long promptTokens = Tokens.ofMessages(request.messages());
    ObjectNode body = Json.object();
    body.put("id", "chatcmpl-sim" + Long.toHexString(0x1000000L + ids.incrementAndGet()));
    body.put("object", "chat.completion");
    body.put("created", System.currentTimeMillis() / 1000);
    body.put("model", request.model());
    body.set("choices", choices);
    ObjectNode usage = body.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    body.put("service_tier", "default");
    body.put("system_fingerprint", FINGERPRINT);
    return new Result(body, outcome, promptTokens, completionTokens);
  }

  private static ObjectNode choice(int index, String text, String finish) {
    ObjectNode choice = Json.object();
    choice.put("index", index);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", text);
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", finish);
    return choice;
  }

  /** An injected truncation: the first half of the words, cut mid-sentence, a true prefix. */
  static String halve(String text) {
    Matcher word = WORD.matcher(text);
    int total = 0;
    while (word.find()) {
      total++;
    }
    if (total < 2) {
      return text.substring(0, text.length() / 2);
    }
    word.reset();
    int end = 0;
    for (int i = 0; i < total / 2 && word.find(); i++) {
      end = word.end();
    }
    return text.substring(0, end);
  }

  /** What max_tokens would have let through: at most {@code max} characters, at a word end. */
  static String cutToChars(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max;
    while (end > 0 && !Character.isWhitespace(text.charAt(end))) {
      end--;
    }
    return (end == 0 ? text.substring(0, max) : text.substring(0, end)).strip();
  }
}
