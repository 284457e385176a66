package dev.attrprompt.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The report pages built so far, one per list of runs, each kept with the state of the runs' store
 * files it was built from: a report of runs whose stores have not changed since is served as
 * built, and one whose runs changed (an answer stored, a verdict, a person's rejection, a
 * checkpoint) is built again. Every write to a run store moves its {@code run.sqlite} or
 * {@code run.sqlite-wal} (size or modification time), and reading a store changes neither.
 */
final class ReportCache {
  /** Reports kept at most (the least recently served go first). */
  static final int SIZE = 8;

  /** A built report page and the Content-Security-Policy it is served with. */
  record Page(String html, String csp) {}

  private record Built(List<String> stamps, Page page) {}

  private final Map<List<String>, Built> pages = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<List<String>, Built> eldest) {
      return size() > SIZE;
    }
  };
  private final AtomicLong builds = new AtomicLong();

  /**
   * The report of {@code dirs} (named {@code rels}): the one built before when none of the runs'
   * stores changed since, or else a new one from {@code build}. Two requests for the same report
   * at once build it once.
   */
  Page get(List<String> rels, List<Path> dirs, Supplier<Page> build) {
    synchronized (lockFor(rels)) {
      List<String> stamps = stamps(dirs);
      Built e;
      synchronized (pages) {
        e = pages.get(rels);
      }
      if (e != null && e.stamps().equals(stamps)) {
        return e.page();
      }
      Page page = build.get();
      builds.incrementAndGet();
      synchronized (pages) {
        pages.put(List.copyOf(rels), new Built(stamps, page));
      }
      return page;
    }
  }

  /** How many reports were built (not served from this cache) so far. */
  long builds() {
    return builds.get();
  }

  private final Map<List<String>, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

  private Object lockFor(List<String> rels) {
    if (locks.size() > 4 * SIZE) {
      locks.clear(); // a lock dropped while held only lets one more build run beside it
    }
    return locks.computeIfAbsent(List.copyOf(rels), k -> new Object());
  }

  /** Size and modification time of each run's store and its write-ahead log (absent: "-"). */
  static List<String> stamps(List<Path> dirs) {
    List<String> out = new ArrayList<>();
    for (Path dir : dirs) {
      for (String name : List.of("run.sqlite", "run.sqlite-wal")) {
        out.add(stamp(dir.resolve(name)));
      }
    }
    return List.copyOf(out);
  }

  private static String stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.size() + "@" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    } catch (IOException e) {
      return "-";
    }
  }
}
