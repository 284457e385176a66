/** Words, word-id corpora, n-gram hashes and TF-IDF vectors: the text features the measures count on. */
package dev.attrprompt.eval.text;
