/**
 * Attribute sets: the dimensions that diversify generated data and each label's similar classes.
 *
 * <p>The public face: {@link dev.attrprompt.attributes.AttributeSet} of
 * {@link dev.attrprompt.attributes.Dimension}s (built with
 * {@link dev.attrprompt.attributes.Dimension#classIndependent} or
 * {@link dev.attrprompt.attributes.Dimension#classDependent} and their withers) holding
 * {@link dev.attrprompt.attributes.Value}s with their
 * {@link dev.attrprompt.attributes.Provenance}; {@link dev.attrprompt.attributes.AttributeSetReader}
 * and {@link dev.attrprompt.attributes.AttributeSetWriter} for the YAML files of a task's attribute
 * folder; {@link dev.attrprompt.attributes.AttrPromptRelease} to import the AttrPrompt authors'
 * files; and {@link dev.attrprompt.attributes.AttributeEdits}, which applies a person's
 * {@link dev.attrprompt.attributes.AttributeEdit}s (values named by
 * {@link dev.attrprompt.attributes.ValueRef}) and writes them back, for {@code attributes review}
 * and the web app alike.
 */
package dev.attrprompt.attributes;
