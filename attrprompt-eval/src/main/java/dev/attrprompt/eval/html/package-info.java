/**
 * The HTML report: {@link dev.attrprompt.eval.html.HtmlReport} builds one self-contained page (styles,
 * data, Apache ECharts and its script inline; no request of any kind) that shows a dataset or
 * compares several, from the same analyses, evaluations and run counts the commands print.
 * {@link dev.attrprompt.eval.html.Escape} escapes untrusted text for HTML text, attributes and
 * JSON inside a script block.
 */
package dev.attrprompt.eval.html;
