package dev.attrprompt.web;

import dev.attrprompt.UserError;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The folder a server serves, and the only way a request reaches a file. Task folders (with a
 * {@code task.yaml}) and run folders (with a {@code run.sqlite}) are found by a walk a few levels
 * deep that skips hidden folders and links that lead out of the workspace. A request names a task
 * or run by its workspace-relative path with {@code /}; it is accepted only when it equals one of
 * the folders found, so no {@code ..}, absolute path, encoded slash, backslash or outward link
 * can reach the file system.
 */
public final class Workspace {
  /** How deep below the root task and run folders are looked for. */
  static final int DEPTH = 4;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,80}");

  private final Path root;
  private final Path realRoot;

  /** One task or run folder: its workspace-relative name ({@code "."} for the root) and its path. */
  public record Entry(String rel, Path path) {}

  public Workspace(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      this.realRoot = this.root.toRealPath();
    } catch (IOException e) {
      throw UserError.in(root, "is not a folder that can be served: " + e.getMessage());
    }
    if (!Files.isDirectory(realRoot)) {
      throw UserError.in(root, "is not a folder; serve a folder that holds task or run folders");
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The task in {@code dir} (a folder of {@link #tasks()}), refused when its attribute folder or
   * its discovery folder lies outside the workspace: a task.yaml naming {@code ../../elsewhere}, or
   * a link to another place, would otherwise have the pages show and write files there.
   */
  public dev.attrprompt.task.Task loadTask(Path dir) {
    dev.attrprompt.task.Task task = dev.attrprompt.task.Task.load(dir);
    for (Path p : List.of(task.attributesDir(), dir.resolve("discovery"))) {
      if (!inside(p)) {
        throw UserError.in(dir.resolve("task.yaml"), "its " + (p.endsWith("discovery") ? "discovery" : "attributes")
            + " folder lies outside the served workspace; this server reads and writes only inside it (serve a "
            + "folder that holds both, or use the command line)");
      }
    }
    return task;
  }

  /**
   * Whether {@code p} is inside the workspace once links are followed (for a path that does not
   * exist yet: the nearest folder above it that does).
   */
  private boolean inside(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    if (!abs.startsWith(root)) {
      return false;
    }
    Path existing = abs;
    while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    try {
      return existing != null && existing.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      return false;
    }
  }

  /** The task folders, by name. */
  public List<Entry> tasks() {
    return find("task.yaml");
  }

  /** The run folders, by name. */
  public List<Entry> runs() {
    return find(dev.attrprompt.run.RunStore.FILE);
  }

  /** The task folder named {@code rel}, if it is one of {@link #tasks()}. */
  public Optional<Path> task(String rel) {
    return named("task.yaml", rel);
  }

  /** The run folder named {@code rel}, if it is one of {@link #runs()}. */
  public Optional<Path> run(String rel) {
    return named(dev.attrprompt.run.RunStore.FILE, rel);
  }

  /**
   * A new folder directly under the root, for a task or run a page makes: {@code name} must be one
   * safe segment ({@code [A-Za-z0-9._-]}, 1 to 80 characters, not starting with a dot) that does
   * not exist yet.
   *
   * @throws UserError in one line otherwise
   */
  public Path newFolder(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
      throw new UserError("a folder name is 1 to 80 letters, digits, '.', '_' or '-', not starting with '.'");
    }
    Path p = root.resolve(name);
    if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new UserError("the workspace already holds '" + name + "'; choose another name");
    }
    return p;
  }

  /** The workspace-relative name of {@code path}, with {@code /}. */
  public String relative(Path path) {
    Path rel = root.relativize(path.toAbsolutePath().normalize());
    String s = rel.toString().replace(java.io.File.separatorChar, '/');
    return s.isEmpty() ? "." : s;
  }

  /** How long a walk's findings answer lookups (a run page asks every second while it runs). */
  private static final long FRESH_NANOS = 2_000_000_000L;

  private record Walk(long at, List<Entry> entries) {}

  private final java.util.Map<String, Walk> walks = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The folder named {@code rel} among those a recent walk found; a name the recent walk lacks is
   * looked for by a new walk, so a folder made a moment ago is found at once.
   */
  private Optional<Path> named(String marker, String rel) {
    Walk recent = walks.get(marker);
    if (recent != null && System.nanoTime() - recent.at() < FRESH_NANOS) {
      Optional<Path> p = lookup(recent.entries(), rel);
      // still there and still inside (a folder swapped for a link out since is looked for again)
      if (p.isPresent() && Files.isRegularFile(p.get().resolve(marker)) && inside(p.get().resolve(marker))) {
        return p;
      }
    }
    return lookup(find(marker), rel);
  }

  private static Optional<Path> lookup(List<Entry> entries, String rel) {
    if (rel == null || rel.isEmpty()) {
      return Optional.empty();
    }
    return entries.stream().filter(e -> e.rel().equals(rel)).map(Entry::path).findFirst();
  }

  private List<Entry> find(String marker) {
    List<Entry> out = new ArrayList<>();
    walk(root, 0, marker, out, new HashSet<>());
    out.sort(java.util.Comparator.comparing(Entry::rel));
    List<Entry> found = List.copyOf(out);
    walks.put(marker, new Walk(System.nanoTime(), found));
    return found;
  }

  private void walk(Path dir, int depth, String marker, List<Entry> out, Set<Path> seen) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      return;
    }
    if (!real.startsWith(realRoot) || !seen.add(real)) {
      return; // a link out of the workspace, or a loop
    }
    if (Files.isRegularFile(dir.resolve(marker)) && inside(dir.resolve(marker))) {
      out.add(new Entry(relative(dir), dir));
    }
    if (depth >= DEPTH || Files.isRegularFile(dir.resolve(dev.attrprompt.run.RunStore.FILE))) {
      return; // nothing is looked for inside a run folder
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
      entries.forEach(children::add);
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      return;
    }
    children.sort(null);
    for (Path child : children) {
      String name = child.getFileName().toString();
      if (!name.startsWith(".")) {
        walk(child, depth + 1, marker, out, seen);
      }
    }
  }

}
