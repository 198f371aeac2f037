/**
 * `xdg.desktopEntries`: desktop entries (`.desktop` files) for programs,
 * new ones or ones that replace a package's own. Each entry becomes a
 * package made by nixpkgs' `makeDesktopItem` (given the entry's fields in
 * its own argument names) and is installed with high priority, so that it
 * wins over an entry of the same name from another package. Linux only.
 * The removed `extraConfig` and `fileValidation` fields of an entry are
 * kept as removed options: setting one fails the entry's assertion.
 */
import { defineModule, mkIf, option, t, toNix, type AttrsView, type JsValue, type TsType } from "../../../module-system/index.js";
import { attrs, call, lazy, prim, select } from "../../../module-system/nix-values.js";
import { libCall, ty, type AnyModule } from "../../module-kit.js";

const FILE = "modules/misc/xdg/desktop-entries.ts";

const strOrPath = t.nullOr(t.either(t.str, t.path));

const action = defineModule({
  file: FILE,
  key: `${FILE}#action`,
  options: {
    name: option({
      type: t.str,
      default: (a) => a.arg("name") as string,
      defaultText: "<name>",
      description: "Name of the action.",
    }),
    exec: option({ type: t.nullOr(t.str), default: null, description: "Program to run, with its arguments." }),
    icon: option({ type: strOrPath, default: null, description: "Icon shown for the action." }),
  },
});

const nullableBool = (description: string) => option({ type: t.nullOr(t.bool), default: null, description });

/** `lib.mkRemovedOptionModule [ name ] why`, as a module function (it needs the evaluation's `lib`). */
function removedField(name: string, why: string): AnyModule {
  return {
    spec: { file: FILE },
    value: prim(`removed ${name}`, 1, ([args]) =>
      attrs({ _file: FILE, imports: [lazy(() => call(select(select(args!, "lib"), "mkRemovedOptionModule"), [name], why))] }),
    ),
  };
}

const entry = defineModule({
  file: FILE,
  key: `${FILE}#entry`,
  options: {
    type: option({
      type: t.enum(["Application", "Link", "Directory"] as const),
      default: "Application",
      description: "Kind of desktop entry.",
    }),
    exec: option({ type: t.nullOr(t.str), default: null, description: "Program to run, with its arguments." }),
    icon: option({ type: strOrPath, default: null, description: "Icon shown in menus and file managers." }),
    comment: option({ type: t.nullOr(t.str), default: null, description: "Tooltip of the entry." }),
    terminal: option({ type: t.nullOr(t.bool), default: false, description: "Whether the program runs in a terminal." }),
    name: option({ type: t.str, description: "The application's own name." }),
    genericName: option({ type: t.nullOr(t.str), default: null, description: "What kind of application it is." }),
    mimeType: option({ type: t.nullOr(t.listOf(t.str)), default: null, description: "MIME types the application handles." }),
    categories: option({ type: t.nullOr(t.listOf(t.str)), default: null, description: "Menu categories of the entry." }),
    startupNotify: nullableBool("Whether the application signals when it has started."),
    noDisplay: nullableBool("Whether to keep the entry out of menus (it still counts for MIME associations)."),
    prefersNonDefaultGPU: nullableBool("Whether the application would rather run on a discrete GPU."),
    settings: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { Keywords: "calc;math" },
      description: "More keys for the `[Desktop Entry]` section; they may override the fields above.",
    }),
    actions: option({
      type: t.attrsOf(ty.submodule(action) as TsType<AttrsView>),
      default: {},
      description: "Actions offered by application launchers, by name.",
    }),
    assertions: option({
      type: t.listOf(ty.unspecified),
      default: [],
      visible: false,
      internal: true,
      description: "Checks of the entry.",
    }),
  },
});

interface Entry {
  readonly [k: string]: JsValue;
}

/** The arguments `makeDesktopItem` takes for an entry. */
function desktopItemArgs(name: string, e: Entry): Record<string, JsValue> {
  const pick = [
    "type",
    "exec",
    "icon",
    "comment",
    "terminal",
    "genericName",
    "startupNotify",
    "noDisplay",
    "prefersNonDefaultGPU",
    "actions",
  ];
  const args: Record<string, JsValue> = { name };
  for (const k of pick) args[k] = e[k]!;
  args.desktopName = e.name!;
  args.mimeTypes = e.mimeType ?? [];
  args.categories = e.categories ?? [];
  args.extraConfig = e.settings!;
  return args;
}

export const xdgDesktopEntriesModule = defineModule({
  file: FILE,
  path: "xdg",
  options: {
    desktopEntries: option({
      type: t.attrsOf(
        ty.submodule([
          removedField("extraConfig", "The `extraConfig` option of `xdg.desktopEntries` has been removed following a change in Nixpkgs."),
          removedField("fileValidation", "Validation of the desktop file is always enabled."),
          entry,
        ]) as TsType<Entry>,
      ),
      default: {},
      example: { firefox: { name: "Firefox", genericName: "Web Browser", exec: "firefox %U", categories: ["Network", "WebBrowser"] } },
      description:
        "Desktop entries, by file name: they make programs appear in the desktop's launcher, or replace a package's own entry. See the Desktop Entry specification for the fields.",
    }),
  },
  config: ({ cfg, pkgs, lib }) =>
    mkIf(() => Object.keys(cfg.desktopEntries).length > 0, {
      assertions: () => [
        libCall(lib, "hm.assertions.assertPlatform", "xdg.desktopEntries", pkgs, libCall(lib, "platforms.linux")),
        ...Object.values(cfg.desktopEntries).flatMap((e) => e.assertions as readonly JsValue[]),
      ],
      "home.packages": () =>
        Object.keys(cfg.desktopEntries)
          .sort()
          .map((n) =>
            libCall(lib, "hiPrio", call(select(toNix(pkgs), "makeDesktopItem"), toNix(desktopItemArgs(n, cfg.desktopEntries[n]!)))),
          ),
    }),
});
