/**
 * The small Markdown dialect option descriptions are written in, parsed into
 * blocks and inline spans that the man page and the HTML manual render each
 * their own way. Blocks: paragraphs (separated by blank lines), fenced code
 * (```), lists (`-`, `*` or `1.` items, continuation lines indented) and
 * block quotes are read as paragraphs. Inline: `code`, the roles of nixpkgs'
 * documentation ({command}`x`, {option}`x`, {file}`x`, {env}`x`, {var}`x`,
 * {manpage}`x(5)`), [text](url), <url>, *emphasis* and **strong**. Anything
 * else is text. Parsing never fails: what is not recognised stays text.
 */

export type Inline =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "code"; readonly text: string; readonly role?: string }
  | { readonly kind: "link"; readonly text: string; readonly url: string }
  | { readonly kind: "emph" | "strong"; readonly text: string };

export type Block =
  | { readonly kind: "para"; readonly inlines: readonly Inline[] }
  | { readonly kind: "code"; readonly text: string }
  | { readonly kind: "list"; readonly ordered: boolean; readonly items: readonly (readonly Block[])[] };

const INLINE =
  /(?:\{(\w+)\})?`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|<(https?:\/\/[^>\s]+)>|\*\*([^*]+)\*\*|(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])/g;

/** The inline spans of a paragraph's text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: "text", text: text.slice(last, m.index) });
    if (m[2] !== undefined) out.push(m[1] === undefined ? { kind: "code", text: m[2] } : { kind: "code", text: m[2], role: m[1] });
    else if (m[3] !== undefined) out.push({ kind: "link", text: m[3], url: m[4]! });
    else if (m[5] !== undefined) out.push({ kind: "link", text: m[5], url: m[5] });
    else if (m[6] !== undefined) out.push({ kind: "strong", text: m[6] });
    else out.push({ kind: "emph", text: m[7]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

const ITEM = /^(\s*)([-*]|\d+\.)\s+(.*)$/;

/** Remove the indentation common to all non-blank lines. */
function dedent(lines: readonly string[]): string[] {
  const widths = lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)![0].length);
  const n = widths.length === 0 ? 0 : Math.min(...widths);
  return lines.map((l) => l.slice(Math.min(n, /^ */.exec(l)![0].length)));
}

/** The blocks of a Markdown text. */
export function parseMarkdown(source: string): Block[] {
  const lines = dedent(source.replace(/\r\n?/g, "\n").split("\n"));
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = /^\s*(```+|~~~+)/.exec(line);
    if (fence !== null) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: "code", text: dedent(body).join("\n") });
      continue;
    }
    const item = ITEM.exec(line);
    if (item !== null && item[1] === "") {
      const ordered = /\d/.test(item[2]!);
      const items: Block[][] = [];
      while (i < lines.length) {
        const m = ITEM.exec(lines[i]!);
        if (m === null || m[1] !== "") break;
        const body = [m[3]!];
        i++;
        while (i < lines.length && (lines[i]!.startsWith(" ") || (lines[i]!.trim() === "" && (lines[i + 1] ?? "").startsWith(" "))))
          body.push(lines[i++]!);
        items.push(parseMarkdown(body.join("\n")));
        while (i < lines.length && lines[i]!.trim() === "" && ITEM.exec(lines[i + 1] ?? "")?.[1] === "") i++;
      }
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== "" &&
      !/^\s*(```|~~~)/.test(lines[i]!) &&
      !(para.length > 0 && ITEM.exec(lines[i]!)?.[1] === "")
    ) {
      para.push(lines[i++]!.trim().replace(/^>\s?/, ""));
    }
    blocks.push({ kind: "para", inlines: parseInline(para.join(" ")) });
  }
  return blocks;
}
