package dev.attrprompt.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of multipart/form-data (RFC 7578) to receive a file upload. */
final class Multipart {
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i)\\bfilename=\"([^\"]*)\"");

  private Multipart() {}

  /** One form field; {@code filename} is empty for plain fields. */
  record Part(String name, String filename, byte[] data) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  /** The parts of {@code body}; a 400 {@link ApiException} when it is not multipart. */
  static List<Part> parse(String contentType, byte[] body) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw ApiException.badRequest("Uploads must be sent as multipart/form-data.", null);
    }
    Matcher b = BOUNDARY.matcher(contentType);
    if (!b.find()) {
      throw ApiException.badRequest("The multipart Content-Type has no boundary.", null);
    }
    byte[] delimiter = ("--" + (b.group(1) != null ? b.group(1) : b.group(2)))
        .getBytes(StandardCharsets.US_ASCII);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // the closing delimiter
      }
      int headersStart = skipLineEnd(body, start);
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
      int next = indexOf(body, delimiter, headersStart);
      if (headersEnd < 0 || next < 0 || headersEnd > next) {
        throw ApiException.badRequest("The multipart body is malformed.", null);
      }
      String headers = new String(body, headersStart, headersEnd - headersStart,
          StandardCharsets.UTF_8);
      int dataEnd = next;
      if (dataEnd >= 2 && body[dataEnd - 2] == '\r' && body[dataEnd - 1] == '\n') {
        dataEnd -= 2; // the CRLF before a delimiter belongs to the delimiter
      }
      Matcher name = NAME.matcher(headers);
      Matcher filename = FILENAME.matcher(headers);
      parts.add(new Part(name.find() ? name.group(1) : "",
          filename.find() ? filename.group(1) : "",
          Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, dataEnd))));
      at = next;
    }
    return parts;
  }

  private static int skipLineEnd(byte[] body, int i) {
    if (i < body.length && body[i] == '\r') {
      i++;
    }
    if (i < body.length && body[i] == '\n') {
      i++;
    }
    return i;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
