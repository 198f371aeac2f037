/**
 * Declarative handlers of a Firefox-like profile: what the browser does with
 * MIME types and URL schemes (`handlers.json`). Each entry has an `action`
 * (0 save, 1 always ask, 2 use a helper application, 3 open in the browser,
 * 4 use the system default), `ask` and a list of `handlers` (the first is the
 * default), MIME types also file `extensions`. The file is the pretty-printed
 * JSON of `finalSettings`, with unset handler fields and empty handler lists
 * left out.
 */
import { defineModule, option, t, TsType, type AttrsView, type JsValue } from "../../../module-system/index.js";
import type { Lazy } from "../../../nix/values.js";
import type { DefaultArgs } from "../../../module-system/ts-types.js";
import { callFn, ty } from "../../module-kit.js";
import { jsonPretty } from "../../../pkgs/formats/json-text.js";
import { toJsonText } from "./store-bytes.js";

const FILE = "modules/programs/firefox/handlers.ts";

const actionType = new TsType<number>((ms) => ms.types.enum([0n, 1n, 2n, 3n, 4n]));
const extensionType = new TsType<string>((ms) => ms.types.strMatching("^[^\\.].+$"));

const handlerModule = defineModule({
  file: FILE,
  key: `${FILE}#handler`,
  options: {
    name: option({ type: t.nullOr(t.str), default: null, description: "The handler's display name." }),
    path: option({
      type: t.nullOr(t.str),
      default: null,
      description: "The program that handles the content (set this or `uriTemplate`).",
    }),
    uriTemplate: option({
      type: t.nullOr(t.str),
      default: null,
      description: "A web address that handles the content, `%s` standing for it (set this or `path`).",
    }),
  },
});

function commonOptions(appName: string) {
  return {
    action: option({
      type: actionType,
      default: 1,
      description:
        "What to do: 0 save the file, 1 always ask, 2 use a helper application (`handlers`), " +
        `3 open it in ${appName}, 4 use the system default.`,
    }),
    ask: option({ type: t.bool, default: false, description: "Whether to ask before taking the action." }),
    handlers: option({
      type: t.listOf(ty.submodule<AttrsView>(handlerModule)),
      default: [],
      description:
        "Helper applications, the first being the default (an empty first entry means no default). " + "Used when `action` is 2.",
    }),
  };
}

/** `mimeTypes`/`schemes` as written: unset handler fields dropped, empty handler lists left out. */
function entriesJson(entries: AttrsView): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(entries)) {
    const v = item as AttrsView;
    const e: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== "handlers") e[k] = x;
    const handlers = v.handlers as readonly AttrsView[];
    if (handlers.length > 0)
      e.handlers = handlers.map((h) => Object.fromEntries(Object.entries(h).filter(([, x]) => x !== null)) as Record<string, JsValue>);
    out[key] = e;
  }
  return out;
}

/** The `handlers` submodule of the profiles of a browser. */
export function handlersModule(appName: string, lib: Lazy, pkgs: () => AttrsView) {
  const common = commonOptions(appName);
  const mimeTypeModule = defineModule({
    file: FILE,
    key: `${FILE}#mimeType:${appName}`,
    options: {
      ...common,
      extensions: option({
        type: t.listOf(extensionType),
        default: [],
        example: ["jpg", "jpeg"],
        description: "File name extensions (without the dot) of this MIME type.",
      }),
    },
  });
  const schemeModule = defineModule({ file: FILE, key: `${FILE}#scheme:${appName}`, options: common });
  return defineModule({
    file: FILE,
    key: `${FILE}#${appName}`,
    options: {
      enable: option({
        type: t.bool,
        default: (a) => {
          const c = a.arg("config") as AttrsView;
          return Object.keys(c.schemes as AttrsView).length > 0 || Object.keys(c.mimeTypes as AttrsView).length > 0;
        },
        internal: true,
        description: "Whether handlers are managed (true when any is set).",
      }),
      force: option({ type: t.bool, default: false, description: "Whether to replace an existing handlers configuration." }),
      mimeTypes: option({
        type: t.attrsOf(ty.submodule<AttrsView>(mimeTypeModule)),
        default: {},
        example: { "application/pdf": { action: 2, handlers: [{ name: "Okular", path: "/run/current-system/sw/bin/okular" }] } },
        description: "Handlers by MIME type.",
      }),
      schemes: option({
        type: t.attrsOf(ty.submodule<AttrsView>(schemeModule)),
        default: {},
        example: {
          mailto: { action: 2, handlers: [{ name: "Gmail", uriTemplate: "https://mail.google.com/mail/?extsrc=mailto&url=%s" }] },
        },
        description: "Handlers by URL scheme.",
      }),
      finalSettings: option({
        type: new TsType<JsValue>((ms) => ms.types.json),
        default: (a: DefaultArgs) => {
          const c = a.arg("config") as AttrsView;
          return {
            defaultHandlersVersion: {},
            isDownloadsImprovementsAlreadyMigrated: false,
            mimeTypes: entriesJson(c.mimeTypes as AttrsView),
            schemes: entriesJson(c.schemes as AttrsView),
          } as unknown as JsValue;
        },
        internal: true,
        readOnly: true,
        description: "The contents of `handlers.json`.",
      }),
      configFile: option({
        type: t.path,
        default: (a) => {
          const c = a.arg("config") as AttrsView;
          const text = jsonPretty(toJsonText(lib, c.finalSettings));
          return callFn(pkgs().writeText, "handlers.json", text) as unknown as string;
        },
        internal: true,
        readOnly: true,
        description: "The generated `handlers.json`.",
      }),
    },
  });
}
