package dev.attrprompt.fidelity;

import dev.attrprompt.UserError;
import dev.attrprompt.run.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a batched LLM judge keeps the batches it has bought and not yet read, so that a check
 * stopped while it waits (or killed) polls the same batches when run again instead of buying them
 * twice. A run keeps them in its store, next to its judgements; a JSONL file in a small state
 * file of its own (the CLI puts it beside the response cache). Each write replaces the whole state
 * at once: a process killed meanwhile leaves the old state or the new one.
 */
public sealed interface BatchLedger {

  /** A batch bought and not yet read: its id and the custom ids of the questions it asks. */
  record Entry(String batchId, List<String> questions) {
    public Entry {
      questions = List.copyOf(questions);
    }
  }

  /**
   * A batch about to be bought: the submission key it will carry and the custom ids of its
   * questions, noted before the provider is asked to create it. A check that stops before noting
   * the batch's id looks up exactly this key when run again, instead of working out anew (with
   * another budget left, so other questions and another key) what to buy.
   */
  record Pending(String key, List<String> questions) {
    public Pending {
      questions = List.copyOf(questions);
    }
  }

  /**
   * @param owner      a random id of this ledger, part of every submission key
   * @param noted      how many batches this ledger has noted, part of every submission key
   * @param inFlight   batches bought and not yet read, oldest first
   * @param submitting the batch being bought, if a check stopped while buying it
   */
  record State(String owner, int noted, List<Entry> inFlight, Optional<Pending> submitting) {
    public State {
      inFlight = List.copyOf(inFlight);
    }

    public State(String owner, int noted, List<Entry> inFlight) {
      this(owner, noted, inFlight, Optional.empty());
    }

    /** This state with {@code e} noted as in flight (and no batch being bought any more). */
    public State with(Entry e) {
      List<Entry> all = new ArrayList<>(inFlight);
      all.add(e);
      return new State(owner, noted + 1, all, Optional.empty());
    }

    /** This state without batch {@code batchId}. */
    public State without(String batchId) {
      return new State(owner, noted, inFlight.stream().filter(e -> !e.batchId().equals(batchId)).toList(),
          submitting);
    }

    /** This state buying {@code p}. */
    public State buying(Pending p) {
      return new State(owner, noted, inFlight, Optional.of(p));
    }

    /** This state with no batch being bought. */
    public State bought() {
      return new State(owner, noted, inFlight, Optional.empty());
    }
  }

  /**
   * The state. The first read makes a new one (a random owner, nothing in flight) and writes it at
   * once: the owner is part of every submission key, so it must be the same in a later check.
   */
  default State read() {
    return existing().orElseGet(() -> {
      State fresh = LedgerJson.fresh();
      write(fresh);
      return fresh;
    });
  }

  void write(State state);

  /** The state if one was ever written, read without writing anything. */
  Optional<State> existing();

  /** The ledger of judge {@code judge} in a run's store. */
  static BatchLedger inRun(RunStore store, String judge) {
    return new InRun(store, "judge_batches:" + judge);
  }

  /** A ledger in {@code file} (its folder is created when first written). */
  static BatchLedger inFile(Path file) {
    return new InFile(file);
  }

  /** Kept as a named value of the run store. */
  record InRun(RunStore store, String key) implements BatchLedger {
    @Override
    public Optional<State> existing() {
      return store.meta(key).map(text -> {
        try {
          return LedgerJson.parse(text);
        } catch (RuntimeException e) {
          throw UserError.in(store.dir(), "cannot read the judge's batch state '" + key + "' of this run ("
              + e.getMessage() + ")");
        }
      });
    }

    @Override
    public void write(State state) {
      store.setMeta(key, LedgerJson.text(state));
    }
  }

  /** Kept as a small JSON file, replaced atomically. */
  record InFile(Path file) implements BatchLedger {
    @Override
    public Optional<State> existing() {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(LedgerJson.parse(Files.readString(file, StandardCharsets.UTF_8)));
      } catch (IOException | RuntimeException e) {
        throw UserError.in(file, "cannot read the judge's batch state (" + e.getMessage() + "); if no batch of "
            + "this check is still running, delete the file");
      }
    }

    @Override
    public void write(State state) {
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(tmp, LedgerJson.text(state), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw UserError.in(file, "cannot write the judge's batch state: " + e.getMessage());
      }
    }
  }
}
