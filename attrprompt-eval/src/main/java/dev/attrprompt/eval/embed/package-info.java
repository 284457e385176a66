/**
 * Unit vectors for texts: TF-IDF ({@link dev.attrprompt.eval.embed.TfIdfEmbedder}), a local ONNX
 * sentence encoder ({@link dev.attrprompt.eval.embed.OnnxEmbedder}) or an OpenAI-compatible
 * embeddings endpoint ({@link dev.attrprompt.eval.embed.ApiEmbedder}); chosen by
 * {@link dev.attrprompt.eval.embed.Embedders#parse}.
 */
package dev.attrprompt.eval.embed;
