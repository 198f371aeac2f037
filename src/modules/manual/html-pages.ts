/**
 * The HTML manual: pages under `share/doc/home-manager/` laid out as Home
 * Manager's current manual (the front page `index.html`, one page per
 * chapter, the options reference under `options/home-manager/` with one page
 * per group of options — `programs.git`, `services.gpg-agent`, `home`, … —
 * pages saying that NixOS and nix-darwin setups are not part of this program,
 * and the release notes made from the news entries), plus the entry points of
 * the older single-page manual, each with its content on one page
 * (`index.xhtml`, `options.xhtml`, `nixos-options.xhtml`,
 * `nix-darwin-options.xhtml`, `release-notes.xhtml`; `options.html` only
 * redirects). A small script in `index.html` and the `.xhtml` pages sends an
 * old anchor (`#sec-news`, `#opt-programs.git.enable`) to the page that now
 * has it. Every page is XHTML-compatible HTML in UTF-8 that parses as XML.
 */
import { parseMarkdown, type Block, type Inline } from "./markdown.js";
import { CHAPTERS, PREFACE, RELEASE_NOTES_PAGE, type Chapter } from "./manual-text.js";
import { declarationName } from "./man-page.js";
import type { ManualData, NewsDoc, OptionDoc, RenderedValue } from "./options-data.js";

/** Where option anchors of each kind of setup now live. */
const OPTION_PREFIXES: Readonly<Record<string, string>> = {
  "opt-": "options/home-manager",
  "nixos-opt-": "options/nixos",
  "nix-darwin-opt-": "options/nix-darwin",
};

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The anchor of an option (`<` and `>` are not welcome in ids). */
export function optionAnchor(name: string): string {
  return `opt-${name.replace(/[<>]/g, "_")}`;
}

/** The page group of an option: its first name, or the first two for programs and services. */
export function optionGroup(name: string): string {
  const parts = name.replace(/[<>]/g, "_").split(".");
  const first = parts[0]!;
  return (first === "programs" || first === "services") && parts.length > 1 ? `${first}/${parts[1]}` : first;
}

/**
 * The router: with an anchor in the location, go to the page that has it
 * (from `anchors`, else an option page by prefix), else to `fallback` (null:
 * stay). The current page is not loaded again.
 */
function router(fallback: string | null, anchors: Readonly<Record<string, string>>): string {
  const sorted = Object.fromEntries(
    Object.keys(anchors)
      .sort()
      .map((k) => [k, anchors[k]]),
  );
  const js = [
    "(function () {",
    `  var known = ${JSON.stringify(sorted)}, prefixes = ${JSON.stringify(OPTION_PREFIXES)};`,
    `  var hash = location.hash || "", id = hash.slice(1), target = ${JSON.stringify(fallback)};`,
    "  function optionPage(id) {",
    "    for (var prefix in prefixes) {",
    "      if (id.indexOf(prefix) !== 0) continue;",
    '      var parts = id.slice(prefix.length).replace(/[<>]/g, "_").split("."), group = parts[0];',
    '      if ((group === "programs" || group === "services") && parts.length > 1) group += "/" + parts[1];',
    '      return prefixes[prefix] + "/" + group + ".html";',
    "    }",
    "    return null;",
    "  }",
    '  if (id !== "") target = Object.prototype.hasOwnProperty.call(known, id) ? known[id] : optionPage(id) || target;',
    "  if (target === null) return;",
    '  var n = target + (location.search || "") + hash;',
    '  var here = location.pathname.split("/").pop() + (location.search || "") + hash;',
    "  if (n !== here) location.replace(n);",
    "}());",
  ];
  return ["    <script>", "      //<![CDATA[", ...js.map((l) => `      ${l}`), "      //]]>", "    </script>"].join("\n");
}

const STYLE = `body { max-width: 52em; margin: 1em auto; padding: 0 1em; font-family: sans-serif; line-height: 1.45; }
nav { border-bottom: 1px solid #ccc; padding-bottom: .5em; margin-bottom: 1em; }
pre { background: #f4f4f4; padding: .5em; overflow-x: auto; }
code { font-family: monospace; }
.option { border-top: 1px solid #eee; margin-top: 1.5em; }
dt { font-style: italic; }`;

interface PageSpec {
  readonly path: string;
  readonly title: string;
  readonly body: string;
  /** The router's fallback and anchors, when the page has one. */
  readonly router?: { readonly fallback: string | null; readonly anchors: Readonly<Record<string, string>> };
}

function rootOf(page: string): string {
  return "../".repeat(page.split("/").length - 1);
}

function page(spec: PageSpec): string {
  const root = rootOf(spec.path);
  const head = [
    "<!DOCTYPE html>",
    '<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">',
    "  <head>",
    '    <meta charset="utf-8" />',
    ...(spec.router === undefined ? [] : [router(spec.router.fallback, spec.router.anchors)]),
    `    <title>${escapeHtml(spec.title)}</title>`,
    `    <style>${STYLE}</style>`,
    "  </head>",
    "  <body>",
    `    <nav><a href="${root}index.html">Home Manager manual</a> · <a href="${root}options/home-manager/index.html">Options</a> · <a href="${root}${RELEASE_NOTES_PAGE}">Release notes</a></nav>`,
    "    <main>",
    spec.body,
    "    </main>",
    "  </body>",
    "</html>",
    "",
  ];
  return head.join("\n");
}

function redirect(path: string, destination: string, anchors: Readonly<Record<string, string>>): [string, string] {
  const to = escapeHtml(destination);
  const text = [
    "<!DOCTYPE html>",
    '<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">',
    "  <head>",
    '    <meta charset="utf-8" />',
    router(destination, anchors),
    `    <meta http-equiv="refresh" content="0; url=${to}" />`,
    `    <link rel="canonical" href="${to}" />`,
    "    <title>Moved</title>",
    "  </head>",
    "  <body>",
    `    <p>This page has moved to <a href="${to}">${to}</a>.</p>`,
    "  </body>",
    "</html>",
    "",
  ];
  return [path, text.join("\n")];
}

function inlineHtml(i: Inline): string {
  switch (i.kind) {
    case "text":
      return escapeHtml(i.text);
    case "code":
      return i.role === undefined
        ? `<code>${escapeHtml(i.text)}</code>`
        : `<code class="${escapeHtml(i.role)}">${escapeHtml(i.text)}</code>`;
    case "link":
      return `<a href="${escapeHtml(i.url)}">${escapeHtml(i.text)}</a>`;
    case "emph":
      return `<em>${escapeHtml(i.text)}</em>`;
    case "strong":
      return `<strong>${escapeHtml(i.text)}</strong>`;
  }
}

/** HTML of Markdown blocks. */
export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      if (b.kind === "para") return `<p>${b.inlines.map(inlineHtml).join("")}</p>`;
      if (b.kind === "code") return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
      const tag = b.ordered ? "ol" : "ul";
      return `<${tag}>${b.items.map((item) => `<li>${blocksToHtml(item)}</li>`).join("")}</${tag}>`;
    })
    .join("\n");
}

const md = (text: string): string => blocksToHtml(parseMarkdown(text));

function valueHtml(v: RenderedValue): string {
  return v.type === "literalMD" ? md(v.text) : `<pre><code>${escapeHtml(v.text)}</code></pre>`;
}

function optionHtml(o: OptionDoc): string {
  const id = optionAnchor(o.name);
  const rows = [`<dt>Type</dt><dd>${escapeHtml(o.type)}${o.readOnly ? " (read only)" : ""}</dd>`];
  if (o.default !== undefined) rows.push(`<dt>Default</dt><dd>${valueHtml(o.default)}</dd>`);
  if (o.example !== undefined) rows.push(`<dt>Example</dt><dd>${valueHtml(o.example)}</dd>`);
  if (o.declarations.length > 0)
    rows.push(`<dt>Declared by</dt><dd>${o.declarations.map((d) => `<code>${escapeHtml(declarationName(d))}</code>`).join("<br />")}</dd>`);
  return [
    `<div class="option" id="${escapeHtml(id)}">`,
    `<h3><a href="#${escapeHtml(id)}"><code>${escapeHtml(o.name)}</code></a></h3>`,
    o.description === null ? "" : md(o.description),
    `<dl>${rows.join("")}</dl>`,
    "</div>",
  ].join("\n");
}

/** A chapter with all its sections, for the single-page manual. */
function chapterInline(ch: Chapter): string {
  return [
    `<h1 id="${ch.id}">${escapeHtml(ch.title)}</h1>`,
    md(ch.body),
    ...ch.sections.map((s) => `<h2 id="${s.id}">${escapeHtml(s.title)}</h2>\n${md(s.body)}`),
  ].join("\n");
}

function chapterPages(ch: Chapter): PageSpec[] {
  const own = ch.sections.filter((s) => s.page === undefined);
  const apart = ch.sections.filter((s) => s.page !== undefined);
  const root = rootOf(ch.page);
  const body = [
    `<h1 id="${ch.id}">${escapeHtml(ch.title)}</h1>`,
    md(ch.body),
    ...own.map((s) => `<h2 id="${s.id}">${escapeHtml(s.title)}</h2>\n${md(s.body)}`),
    ...(apart.length === 0
      ? []
      : [`<ul>${apart.map((s) => `<li><a href="${root}${s.page!}">${escapeHtml(s.title)}</a></li>`).join("")}</ul>`]),
  ].join("\n");
  return [
    { path: ch.page, title: ch.title, body },
    ...apart.map((s) => ({ path: s.page!, title: s.title, body: `<h1 id="${s.id}">${escapeHtml(s.title)}</h1>\n${md(s.body)}` })),
  ];
}

/** Every manual anchor and the page it lives on. */
export function manualAnchors(): Record<string, string> {
  const out: Record<string, string> = { "home-manager-manual": "index.html", preface: "index.html" };
  for (const ch of CHAPTERS) {
    out[ch.id] = ch.page;
    for (const s of ch.sections) out[s.id] = s.page ?? ch.page;
  }
  return out;
}

function newsAnchor(n: NewsDoc): string {
  return `sec-release-note-${n.id.replace(/[^A-Za-z0-9_.-]/g, "-")}`;
}

function optionPages(options: readonly OptionDoc[]): PageSpec[] {
  const groups = new Map<string, OptionDoc[]>();
  for (const o of options) {
    const g = optionGroup(o.name);
    const list = groups.get(g) ?? [];
    list.push(o);
    groups.set(g, list);
  }
  const names = [...groups.keys()].sort();
  const index = [
    '<h1 id="ch-options">Home Manager configuration options</h1>',
    `<p>${options.length} options, by group. <code>man home-configuration.nix</code> lists the same options.</p>`,
    `<ul>${names.map((g) => `<li><a href="${g}.html">${escapeHtml(g.replace("/", "."))}</a> (${groups.get(g)!.length})</li>`).join("")}</ul>`,
  ].join("\n");
  return [
    { path: "options/home-manager/index.html", title: "Home Manager configuration options", body: index },
    ...names.map((g) => ({
      path: `options/home-manager/${g}.html`,
      title: `Options: ${g.replace("/", ".")}`,
      body: [`<h1>${escapeHtml(g.replace("/", "."))}</h1>`, ...groups.get(g)!.map(optionHtml)].join("\n"),
    })),
  ];
}

function notHere(path: string, what: string): PageSpec {
  const reference = path.endsWith(".xhtml") ? "options.xhtml" : "../home-manager/index.html";
  return {
    path,
    title: `${what} options`,
    body: `<h1>${what} options</h1>\n<p>Home Manager in TypeScript manages standalone home configurations only: using it as a ${what} module is not part of this program, so there are no ${what} options to list. The options of a home configuration are in the <a href="${reference}">options reference</a>.</p>`,
  };
}

/** Every file of the HTML manual, by path relative to `share/doc/home-manager`. */
export function htmlManual(data: ManualData, release: string): Record<string, string> {
  const anchors = manualAnchors();
  const news = [...data.news].sort((a, b) => (a.time > b.time ? -1 : a.time < b.time ? 1 : 0));
  const releaseAnchors: Record<string, string> = { "ch-release-notes": RELEASE_NOTES_PAGE };
  for (const n of news) releaseAnchors[newsAnchor(n)] = RELEASE_NOTES_PAGE;
  const front = [
    `<h1 id="home-manager-manual">Home Manager manual</h1>`,
    `<p>Version ${escapeHtml(release)}</p>`,
    `<div id="preface">${md(PREFACE)}</div>`,
    "<h2>Contents</h2>",
    `<ul>${CHAPTERS.map((c) => `<li><a href="${c.page}">${escapeHtml(c.title)}</a></li>`).join("")}<li><a href="options/home-manager/index.html">Configuration options</a></li><li><a href="${RELEASE_NOTES_PAGE}">Release notes</a></li></ul>`,
  ].join("\n");
  const notes = [
    '<h1 id="ch-release-notes">Release notes</h1>',
    "<p>What changed, newest first (the news entries, as <code>home-manager news</code> shows them).</p>",
    ...news.map((n) => `<h2 id="${newsAnchor(n)}">${escapeHtml(n.time.slice(0, 10))}</h2>\n<pre>${escapeHtml(n.message)}</pre>`),
  ].join("\n");
  const pages: PageSpec[] = [
    { path: "index.html", title: "Home Manager manual", body: front, router: { fallback: null, anchors } },
    ...CHAPTERS.flatMap(chapterPages),
    ...optionPages(data.options),
    notHere("options/nixos/index.html", "NixOS"),
    notHere("options/nix-darwin/index.html", "nix-darwin"),
    { path: RELEASE_NOTES_PAGE, title: "Release notes", body: notes },
  ];
  const files: Record<string, string> = {};
  for (const p of pages) files[p.path] = page(p);
  // The single-page forms of the older manual: the same content on one page each, with the router.
  const stay = (a: Readonly<Record<string, string>>) => ({ fallback: null, anchors: a });
  const whole = [front, ...CHAPTERS.map(chapterInline)].join("\n");
  const allOptions = ['<h1 id="ch-options">Home Manager configuration options</h1>', ...data.options.map(optionHtml)].join("\n");
  for (const p of [
    { path: "index.xhtml", title: "Home Manager manual", body: whole, router: stay(anchors) },
    { path: "options.xhtml", title: "Home Manager configuration options", body: allOptions, router: stay({}) },
    { ...notHere("nixos-options.xhtml", "NixOS"), router: stay({}) },
    { ...notHere("nix-darwin-options.xhtml", "nix-darwin"), router: stay({}) },
    { path: "release-notes.xhtml", title: "Release notes", body: notes, router: stay(releaseAnchors) },
  ])
    files[p.path] = page(p);
  const [path, text] = redirect("options.html", "options/home-manager/index.html", {});
  files[path] = text;
  return files;
}
