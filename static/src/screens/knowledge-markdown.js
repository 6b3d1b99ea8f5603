// A small Markdown renderer that builds Preact nodes, never HTML strings: whatever an article
// holds ends up as text in elements this file chose, so no markup or script in it can run.
// Blocks: paragraphs, headings, lists (nested by indentation), fenced and indented code,
// quotes and rules. Inline: code, strong, emphasis, links (http, https, mailto and the app's
// own #/ links only) and <https://…> autolinks. Anything else shows as the text it is.
import { h } from "preact";

const SAFE = /^(https?:\/\/|mailto:|#\/)/i;

const INLINE = new RegExp(
  [
    /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/.source, // 1-2 code
    /\*\*(?=\S)([\s\S]*?\S)\*\*/.source, // 3 strong
    /(?<![\w])__(?=\S)([\s\S]*?\S)__(?![\w])/.source, // 4 strong
    /\*(?=[^\s*])([\s\S]*?[^\s*])\*/.source, // 5 emphasis
    /(?<![\w])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\w])/.source, // 6 emphasis
    /\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/.source, // 7-8 link
    /<((?:https?:\/\/|mailto:)[^>\s]+)>/.source, // 9 autolink
  ].join("|"),
  "g",
);

function anchor(url, children) {
  if (!SAFE.test(url)) return children;
  const outside = !url.startsWith("#/");
  return h("a", { href: url, rel: outside ? "noopener noreferrer nofollow" : undefined, target: outside ? "_blank" : undefined }, children);
}

/** Inline Markdown as an array of strings and elements. */
export function inline(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] !== undefined) out.push(h("code", null, m[2].replace(/^ (.*) $/, "$1")));
    else if (m[3] !== undefined || m[4] !== undefined) out.push(h("strong", null, inline(m[3] ?? m[4])));
    else if (m[5] !== undefined || m[6] !== undefined) out.push(h("em", null, inline(m[5] ?? m[6])));
    else if (m[7] !== undefined) out.push(anchor(m[8], inline(m[7])));
    else if (m[9] !== undefined) out.push(anchor(m[9], m[9]));
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const indentOf = (line) => line.match(/^\s*/)[0].replace(/\t/g, "    ").length;
const startsBlock = (line) => FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);

/** Paragraph text: soft line breaks become spaces, two trailing spaces a hard break. */
function paragraph(lines) {
  const parts = [];
  lines.forEach((line, i) => {
    const hard = / {2,}$/.test(line) && i < lines.length - 1;
    parts.push(...inline(line.trim()));
    if (hard) parts.push(h("br", null));
    else if (i < lines.length - 1) parts.push(" ");
  });
  return parts;
}

/** Block Markdown as an array of elements; `shift` lowers headings (an article's title is h1). */
function blocks(lines, shift) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = line.match(FENCE);
    if (fence) {
      const code = [];
      for (i++; i < lines.length && !lines[i].trim().startsWith(fence[1]); i++) code.push(lines[i]);
      i++;
      out.push(h("pre", null, h("code", null, code.join("\n"))));
      continue;
    }
    if (/^( {4}|\t)/.test(line)) {
      const code = [];
      while (i < lines.length && (/^( {4}|\t)/.test(lines[i]) || !lines[i].trim())) code.push(lines[i++].replace(/^( {4}|\t)/, ""));
      while (code.length && !code[code.length - 1].trim()) code.pop();
      out.push(h("pre", null, h("code", null, code.join("\n"))));
      continue;
    }
    const heading = line.match(HEADING);
    if (heading) {
      out.push(h(`h${Math.min(6, heading[1].length + shift)}`, null, inline(heading[2] || "")));
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push(h("hr", null));
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted = [];
      while (i < lines.length && lines[i].trim() && (QUOTE.test(lines[i]) || !startsBlock(lines[i]))) quoted.push(lines[i++].replace(QUOTE, ""));
      out.push(h("blockquote", null, blocks(quoted, shift)));
      continue;
    }
    const item = line.match(ITEM);
    if (item) {
      const base = indentOf(item[1]);
      const ordered = /\d/.test(item[2]);
      const start = ordered ? parseInt(item[2], 10) : undefined;
      const entries = [];
      while (i < lines.length) {
        const current = lines[i].match(ITEM);
        if (current && indentOf(current[1]) === base && /\d/.test(current[2]) === ordered) {
          entries.push([current[3]]);
          i++;
        } else if (entries.length && lines[i].trim() && (indentOf(lines[i]) > base || !startsBlock(lines[i]))) {
          entries[entries.length - 1].push(lines[i].slice(Math.min(indentOf(lines[i]), base + 2)));
          i++;
        } else if (!lines[i].trim() && i + 1 < lines.length && indentOf(lines[i + 1]) > base && lines[i + 1].trim()) {
          entries[entries.length - 1].push("");
          i++;
        } else break;
      }
      const children = entries.map((body) =>
        h("li", null, body.length === 1 ? inline(body[0]) : blocks(body, shift).map((b, n) => (n === 0 && b.type === "p" ? b.props.children : b))),
      );
      out.push(h(ordered ? "ol" : "ul", ordered && start !== 1 ? { start } : null, children));
      continue;
    }
    const text = [];
    while (i < lines.length && lines[i].trim() && (text.length === 0 || !startsBlock(lines[i]))) text.push(lines[i++]);
    out.push(h("p", null, paragraph(text)));
  }
  return out;
}

/** An article body (or any Markdown) as Preact nodes. Its highest headings become h2 (the
 * page's h1 is the title), and the others follow in order. */
export function Markdown({ text }) {
  const lines = String(text || "").replace(/\r\n?/g, "\n").split("\n");
  const levels = lines.map((line) => line.match(HEADING)).filter(Boolean).map((m) => m[1].length);
  const shift = 2 - Math.min(2, ...levels);
  return h("div", { class: "kn-md" }, blocks(lines, shift));
}
