package dev.attrprompt.eval.report;

import dev.attrprompt.eval.metrics.Duplicates;
import dev.attrprompt.eval.metrics.LengthStats;
import java.util.OptionalDouble;

/**
 * The measures of one set of texts (a dataset, or one label of it).
 *
 * @param size       texts
 * @param length     words per text
 * @param vocabulary distinct words
 * @param distinct1  distinct-1 (distinct words over all words)
 * @param distinct2  distinct-2
 * @param distinct3  distinct-3
 * @param selfBleu   Self-BLEU-4 over a seeded sample (empty below two texts)
 * @param duplicates exact and near-duplicate rates
 * @param apsIntra   mean cosine within labels (for a label: within it)
 * @param apsInter   mean cosine across labels (for a label: between it and all others)
 */
public record TextMeasures(int size, LengthStats length, int vocabulary, double distinct1, double distinct2,
    double distinct3, OptionalDouble selfBleu, Duplicates.Rates duplicates, OptionalDouble apsIntra,
    OptionalDouble apsInter) {}
