package dev.attrprompt.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Uploaded and batch-produced files, in memory for the simulator's lifetime. */
final class FileStore {
  private static final Set<String> PURPOSES = Set.of("batch", "batch_output", "fine-tune",
      "assistants", "vision", "user_data", "evals");

  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** One file and its metadata. */
  record StoredFile(String id, String filename, String purpose, byte[] content, long createdAt) {
    ObjectNode json() {
      ObjectNode o = Json.object();
      o.put("id", id);
      o.put("object", "file");
      o.put("bytes", content.length);
      o.put("created_at", createdAt);
      o.put("filename", filename);
      o.put("purpose", purpose);
      o.put("status", "processed");
      o.putNull("expires_at");
      o.putNull("status_details");
      return o;
    }
  }

  /** Stores an upload from its multipart parts: {@code purpose} and {@code file}. */
  StoredFile upload(List<Multipart.Part> parts) {
    Multipart.Part file = null;
    String purpose = null;
    for (Multipart.Part p : parts) {
      switch (p.name()) {
        case "file" -> file = p;
        case "purpose" -> purpose = p.text().strip();
        default -> { }
      }
    }
    if (purpose == null) {
      throw ApiException.badRequest("Missing required parameter: 'purpose'.", "purpose");
    }
    if (!PURPOSES.contains(purpose) || purpose.equals("batch_output")) {
      throw ApiException.badRequest("Invalid value for 'purpose': '" + purpose + "'.", "purpose");
    }
    if (file == null) {
      throw ApiException.badRequest("Missing required parameter: 'file'.", "file");
    }
    return add(file.filename().isEmpty() ? "upload" : file.filename(), purpose, file.data());
  }

  StoredFile add(String filename, String purpose, byte[] content) {
    String id = String.format("file-sim%016x", ids.incrementAndGet());
    StoredFile f = new StoredFile(id, filename, purpose, content,
        System.currentTimeMillis() / 1000);
    files.put(id, f);
    return f;
  }

  Optional<StoredFile> get(String id) {
    return Optional.ofNullable(files.get(id));
  }

  StoredFile require(String id) {
    return get(id).orElseThrow(() -> ApiException.notFound("No such File object: " + id));
  }

  boolean delete(String id) {
    return files.remove(id) != null;
  }

  List<StoredFile> list() {
    return files.values().stream().sorted(Comparator.comparing(StoredFile::id)).toList();
  }
}
