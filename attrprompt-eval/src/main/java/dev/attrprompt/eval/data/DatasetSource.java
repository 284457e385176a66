package dev.attrprompt.eval.data;

import java.nio.file.Path;

/**
 * A way to read a {@link Dataset} from a path. {@link Datasets#load} asks each registered source
 * in turn; the first that {@link #accepts} the path reads it. A run-folder source (samples with
 * their attributes, the method and the cost from the run store) plugs in here.
 */
public interface DatasetSource {
  /** Whether this source reads {@code path} (by its shape alone: extension, folder contents). */
  boolean accepts(Path path);

  /** Reads the dataset; user mistakes in the data are {@link dev.attrprompt.UserError}s. */
  Dataset load(Path path);
}
