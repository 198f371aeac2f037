/**
 * Declarative bookmarks of a Firefox-like profile: the option types (a tree
 * of bookmarks, directories and the string `"separator"`, given as a list or,
 * deprecated, as an attribute set whose values are taken in name order), the
 * per-profile `bookmarks` submodule (`force`, `settings`, the generated
 * `configFile`) and the Netscape bookmarks HTML the browser imports through
 * `browser.bookmarks.file`. Every entry gets `ADD_DATE="1" LAST_MODIFIED="1"`
 * so that the file is reproducible.
 */
import { force, NixAttrs, PrimOp, type Lazy } from "../../../nix/values.js";
import { defineModule, option, t, TsType, type AttrsView, type JsValue, type ModuleSystem } from "../../../module-system/index.js";
import type { OptionType } from "../../../module-system/index.js";
import { callFn, libCall, ty } from "../../module-kit.js";

const FILE = "modules/programs/firefox/bookmarks.ts";

const hasAttr = (name: string) =>
  new PrimOp(`firefox.bookmarks.has-${name}`, 1, ([x]) => {
    const v = force(x!);
    return v instanceof NixAttrs && v.has(name);
  });

const bookmarkModule = defineModule({
  file: FILE,
  key: `${FILE}#bookmark`,
  options: {
    name: option({ type: t.str, default: (a) => a.arg("name") as string, description: "The bookmark's title." }),
    tags: option({ type: t.listOf(t.str), default: [], description: "Tags of the bookmark." }),
    keyword: option({ type: t.nullOr(t.str), default: null, description: "A keyword that opens the bookmark from the address bar." }),
    url: option({ type: t.str, description: "The bookmark's address; `%s` stands for the search terms of a keyword search." }),
  },
});

const directoryModule = defineModule({
  file: FILE,
  key: `${FILE}#directory`,
  options: {
    name: option({ type: t.str, default: (a) => a.arg("name") as string, description: "The folder's title." }),
    bookmarks: option({ type: t.listOf(nodeTs()), default: [], description: "The entries of the folder." }),
    toolbar: option({
      type: t.bool,
      default: false,
      description: "Whether this folder is the bookmarks toolbar itself (its entries show on the toolbar).",
    }),
  },
});

/** One node: a bookmark (a set with `url`), a directory, or `"separator"`. */
function nodeType(ms: ModuleSystem): OptionType {
  const T = ms.types;
  const bookmark = T.addCheck(T.override(T.submodule([bookmarkModule.value]), { description: "bookmark submodule" }), hasAttr("url"));
  const directory = T.override(T.submodule([directoryModule.value]), { description: "directory submodule" });
  return T.oneOf([bookmark, directory, T.enum(["separator"])]);
}

function nodeTs(): TsType<JsValue> {
  return new TsType<JsValue>(nodeType);
}

/** The bookmarks list; an attribute set is accepted too and read as the list of its values. */
export const settingsType = new TsType<readonly JsValue[]>((ms) => {
  const T = ms.types;
  const node = nodeType(ms);
  const settingsFits = new PrimOp("firefox.bookmarks.check", 1, ([x]) => {
    const v = force(x!) as NixAttrs;
    const s = v.get("settings");
    return s === undefined || node.check(s);
  });
  const values = new PrimOp("attrValues", 1, ([x]) => {
    const v = force(x!) as NixAttrs;
    return v.sortedNames().map((n) => v.get(n)!);
  });
  return T.coercedTo(T.addCheck(T.attrsOf(node), settingsFits), values, T.listOf(node));
});

const indent = (level: number) => "  ".repeat(level);

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function itemHtml(level: number, item: JsValue): string {
  if (item === "separator") return `${indent(level)}<HR>`;
  const v = item as AttrsView;
  if ("url" in v) {
    const keyword = v.keyword !== null ? ` SHORTCUTURL="${escapeXml(v.keyword as string)}"` : "";
    const tags = v.tags as readonly string[];
    const tagText = tags.length > 0 ? ` TAGS="${escapeXml(tags.join(","))}"` : "";
    return (
      `${indent(level)}<DT><A HREF="${escapeXml(v.url as string)}" ADD_DATE="1" LAST_MODIFIED="1"${keyword}${tagText}>` +
      `${escapeXml(v.name as string)}</A>`
    );
  }
  const head =
    v.toolbar === true
      ? `<H3 ADD_DATE="1" LAST_MODIFIED="1" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks Toolbar`
      : `<H3 ADD_DATE="1" LAST_MODIFIED="1">${escapeXml(v.name as string)}`;
  return (
    `${indent(level)}<DT>${head}</H3>\n${indent(level)}<DL><p>\n` +
    `${itemsHtml(level + 1, v.bookmarks as readonly JsValue[])}\n${indent(level)}</DL><p>`
  );
}

function itemsHtml(level: number, items: readonly JsValue[]): string {
  return items.map((i) => itemHtml(level, i)).join("\n");
}

/** The Netscape bookmarks file of a bookmarks list. */
export function bookmarksHtml(items: readonly JsValue[]): string {
  return (
    "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n" +
    "<!-- This is an automatically generated file.\n" +
    "  It will be read and overwritten.\n" +
    "  DO NOT EDIT! -->\n" +
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n' +
    "<TITLE>Bookmarks</TITLE>\n" +
    "<H1>Bookmarks Menu</H1>\n" +
    "<DL><p>\n" +
    `${itemsHtml(1, items)}\n` +
    "</DL>\n"
  );
}

/** The value of the deprecated forms (a bare list or set) as the submodule's definition. */
function coerceLegacy(bookmarks: JsValue): JsValue {
  const isList = Array.isArray(bookmarks);
  if (!isList && Object.keys(bookmarks as AttrsView).length === 0) return {};
  return { force: true, _legacySettings: isList ? "a list" : "an attribute set", settings: bookmarks } as unknown as JsValue;
}

/** What the bookmarks submodule of one profile shows. */
export interface BookmarksValue {
  readonly _legacySettings: string | null;
  readonly enable: boolean;
  readonly force: boolean;
  readonly settings: readonly JsValue[];
  readonly configFile: JsValue;
}

/** The `bookmarks` option type of a profile whose option path is `optionPath` (a list of names). */
export function bookmarksOptionType(optionPath: readonly string[], pkgs: () => AttrsView): TsType<BookmarksValue> {
  const sub = defineModule({
    file: FILE,
    key: `${FILE}#${optionPath.join(".")}`,
    options: {
      _legacySettings: option({ type: t.nullOr(t.str), default: null, visible: false }),
      enable: option({
        type: t.bool,
        default: (a) => ((a.arg("config") as AttrsView).settings as readonly JsValue[]).length > 0,
        internal: true,
        description: "Whether bookmarks are managed (true when `settings` is not empty).",
      }),
      force: option({
        type: t.bool,
        default: false,
        description: "Whether to replace the profile's bookmarks, including ones added in the browser, with `settings`.",
      }),
      settings: option({
        type: settingsType,
        default: [],
        example: [{ name: "kernel.org", url: "https://www.kernel.org" }, "separator"],
        description:
          "The bookmarks: a list of bookmarks (`name`, `url`, optional `tags` and `keyword`), folders " +
          '(`name`, `bookmarks`, `toolbar`) and `"separator"` strings.',
      }),
      configFile: option({
        type: t.nullOr(t.path),
        default: (a) => {
          const c = a.arg("config") as AttrsView;
          return c.enable === true
            ? (callFn(pkgs().writeText, "bookmarks.html", bookmarksHtml(c.settings as readonly JsValue[])) as string)
            : null;
        },
        description: "The bookmarks file the browser imports; generated from `settings` by default.",
      }),
    },
  });
  return ty.coercedTo<JsValue, BookmarksValue>(settingsType, coerceLegacy, ty.submodule<BookmarksValue>(sub));
}

/** The assertion of one profile's bookmarks: replacing bookmarks must be acknowledged with `force`. */
export function bookmarksAssertion(lib: Lazy, optionPath: readonly string[], b: BookmarksValue): { assertion: boolean; message: string } {
  const show = (p: readonly string[]) => libCall(lib, "showAttrPath", p) as string;
  return {
    assertion: !b.enable || b.force,
    message:
      `Using '${show([...optionPath, "settings"])}' will override all previous bookmarks.\n` +
      `Enable ${show([...optionPath, "force"])}' to acknowledge this.\n`,
  };
}
