/**
 * The `profiles.<name>` submodule of a Firefox-like browser: identity
 * (`name`, `id`, `path`, `isDefault`, `storeId`), preferences (`preConfig`,
 * `settings`, `extraConfig` → `user.js`), `userChrome`/`userContent` CSS,
 * containers, extensions (packages, per-extension storage settings and
 * permission checks), and the `bookmarks`, `search` and `handlers`
 * submodules. A profile with custom CSS turns on
 * `toolkit.legacyUserProfileCustomizations.stylesheets`, one with a StoreID
 * sets `toolkit.profiles.storeID` (both at `mkDefault`). The search
 * submodule learns the profile's name and path through `_module.args`.
 */
import { defineModule, mkDefault, mkMerge, mkIf, option, t, TsType, type AttrsView, type JsValue } from "../../../module-system/index.js";
import type { Lazy } from "../../../nix/values.js";
import { ty } from "../../module-kit.js";
import { bookmarksOptionType, type BookmarksValue } from "./bookmarks.js";
import { handlersModule } from "./handlers.js";
import { searchModule, type SearchContext, type SearchValue } from "./search.js";

const FILE = "modules/programs/firefox/profile.ts";

/** What the browser module tells its profile submodule. */
export interface ProfileContext extends SearchContext {
  /** The browser's name in option descriptions (`Firefox`). */
  readonly name: string;
  readonly pkgs: () => AttrsView;
  readonly enableBookmarks: boolean;
}

const COLORS = ["blue", "turquoise", "green", "yellow", "orange", "red", "pink", "purple", "toolbar"] as const;
const ICONS = [
  "briefcase",
  "cart",
  "circle",
  "dollar",
  "fence",
  "fingerprint",
  "gift",
  "vacation",
  "food",
  "fruit",
  "pet",
  "tree",
  "chill",
] as const;

const containerModule = defineModule({
  file: FILE,
  key: `${FILE}#container`,
  options: {
    name: option({ type: t.str, default: (a) => a.arg("name") as string, description: "The container's name, e.g. shopping." }),
    id: option({ type: ty.unsigned, default: 1, description: "The container's id, unique among the containers of the profile." }),
    color: option({ type: t.enum(COLORS), default: "pink", description: "The container's color." }),
    icon: option({ type: t.enum(ICONS), default: "fruit", description: "The container's icon." }),
  },
});

const jsonType = new TsType<JsValue>((ms) => ms.types.json);

const extensionSettingModule = defineModule({
  file: FILE,
  key: `${FILE}#extension-setting`,
  options: {
    settings: option({
      type: t.attrsOf(jsonType),
      default: {},
      description: "The extension's stored settings (its `storage.js`, as JSON).",
    }),
    permissions: option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      example: ["activeTab"],
      defaultText: "Any permissions",
      description:
        "The permissions the extension may request. When set, an extension asking for others fails an assertion. See " +
        "<https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/permissions>.",
    }),
    force: option({
      type: t.bool,
      default: false,
      example: true,
      description: "Whether to replace this extension's existing settings.",
    }),
  },
});

/** One entry of `extensions.settings`. */
export interface ExtensionSetting {
  readonly settings: AttrsView;
  readonly permissions: readonly string[] | null;
  readonly force: boolean;
}

/** The `extensions` submodule value. */
export interface ExtensionsValue {
  readonly packages: readonly AttrsView[];
  readonly force: boolean;
  readonly exhaustivePermissions: boolean;
  readonly exactPermissions: boolean;
  readonly settings: Readonly<Record<string, ExtensionSetting>>;
}

function extensionsModule(c: ProfileContext, moduleName: string) {
  return defineModule({
    file: FILE,
    key: `${FILE}#extensions:${moduleName}`,
    options: {
      packages: option({
        type: t.listOf(t.package),
        default: [],
        example: "with pkgs.nur.repos.rycee.firefox-addons; [ privacy-badger ]",
        description:
          `${c.name} add-on packages installed in this profile (for example from the Nix User Repository's ` +
          "`nur.repos.rycee.firefox-addons`). They start disabled unless the profile sets " +
          '`"extensions.autoDisableScopes" = 0;`. Their runtime state (logins, storage, ids) lives in profile files ' +
          "outside Home Manager's care.",
      }),
      force: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether to replace existing extension settings; needed to use `settings`.",
      }),
      exhaustivePermissions: option({
        type: t.bool,
        default: false,
        example: true,
        description: `Whether every extension of \`packages\` must have its permissions authorized in \`${moduleName}.profiles.<profile>.extensions.settings.<extensionID>.permissions\`.`,
      }),
      exactPermissions: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether the authorized permissions must be exactly those the extension requests (none more).",
      }),
      settings: option({
        type: t.attrsOf(ty.submodule<ExtensionSetting>(extensionSettingModule)),
        default: {},
        example: { "uBlock0@raymondhill.net": { settings: { selectedFilterLists: ["ublock-filters", "ublock-badware"] } } },
        description: "Settings per extension, keyed by the extension's id (or its UUID in braces).",
      }),
    },
  });
}

/** What `cfg.profiles.<name>` shows. */
export interface ProfileValue {
  readonly name: string;
  readonly id: number;
  readonly storeId: string | null;
  readonly preConfig: string;
  readonly settings: AttrsView;
  readonly extraConfig: string;
  readonly userChrome: JsValue;
  readonly userContent: JsValue;
  readonly bookmarks: BookmarksValue;
  readonly path: string;
  readonly isDefault: boolean;
  readonly search: SearchValue;
  readonly handlers: AttrsView & { readonly enable: boolean; readonly force: boolean; readonly configFile: JsValue };
  readonly containersForce: boolean;
  readonly containers: Readonly<Record<string, { name: string; id: number; color: string; icon: string }>>;
  readonly extensions: ExtensionsValue;
}

const cssType = new TsType<JsValue>((ms) => ms.types.oneOf([ms.types.lines, ms.types.path]));

/** The profile submodule of one browser (`c.modulePath`). */
export function profileModule(c: ProfileContext) {
  const moduleName = c.modulePath.join(".");
  const search = searchModule(c);
  const handlers = handlersModule(c.name, c.lib as Lazy, c.pkgs);
  const extensions = extensionsModule(c, moduleName);
  return defineModule({
    file: FILE,
    key: `${FILE}#${moduleName}`,
    options: {
      name: option({ type: t.str, default: (a) => a.arg("name") as string, description: "The profile's name." }),
      id: option({ type: ty.unsigned, default: 0, description: "The profile's number, unique among the profiles." }),
      storeId: option({
        type: t.nullOr(new TsType<string>((ms) => ms.types.strMatching("[0-9a-f]{8}"))),
        default: null,
        example: "e41de5fe",
        description:
          "The profile's StoreID (eight lowercase hexadecimal digits, the first part of a UUID), or null. When set, " +
          "`profiles.ini` and `toolkit.profiles.storeID` carry it, which ties the profile to the browser's " +
          "newer profile database (`Profile Groups/<StoreID>.sqlite`).",
      }),
      preConfig: option({
        type: t.lines,
        default: "",
        description: "Lines put in `user.js` before the preferences of `settings` (so `settings` can override them).",
      }),
      settings: option({
        type: t.attrsOf(
          new TsType<JsValue>((ms) =>
            ms.types.override(ms.types.json, {
              description: `${c.name} preference (int, bool, string, and also attrs, list, float as a JSON string)`,
            }),
          ),
        ),
        default: {},
        example: { "browser.startup.homepage": "https://nixos.org", "browser.search.isUS": false },
        description:
          `${c.name} preferences, written to \`user.js\`. The browser knows integers, booleans and strings; ` +
          "other JSON values are written as JSON strings.",
      }),
      extraConfig: option({ type: t.lines, default: "", description: "Lines put at the end of `user.js`." }),
      userChrome: option({
        type: cssType,
        default: "",
        example: "#TabsToolbar { visibility: collapse !important; }",
        description: `CSS for ${c.name}'s own interface (\`chrome/userChrome.css\`): text, or a file.`,
      }),
      userContent: option({
        type: cssType,
        default: "",
        example: "*{scrollbar-width:none !important}",
        description: `CSS for web content (\`chrome/userContent.css\`): text, or a file.`,
      }),
      bookmarks: option({
        type: bookmarksOptionType([...c.modulePath, "profiles", "<name>", "bookmarks"], c.pkgs),
        default: {} as BookmarksValue,
        internal: !c.enableBookmarks,
        description: "Bookmarks of the profile.",
      }),
      path: option({
        type: t.str,
        default: (a) => a.arg("name") as string,
        description: "The profile's directory, relative to the profiles directory.",
      }),
      isDefault: option({
        type: t.bool,
        default: (a) => (a.arg("config") as AttrsView).id === 0,
        defaultText: "true if profile ID is 0",
        description: "Whether this is the profile the browser starts with.",
      }),
      search: option({
        type: ty.submodule<SearchValue>(search),
        default: {} as SearchValue,
        description: "Search engines of the profile.",
      }),
      handlers: option({
        type: ty.submodule<ProfileValue["handlers"]>(handlers),
        default: {} as ProfileValue["handlers"],
        description: "What the profile does with MIME types and URL schemes.",
      }),
      containersForce: option({
        type: t.bool,
        default: false,
        description: `Whether to replace an existing \`containers.json\`. ${c.name} replaces the link at every start, so this is recommended, but containers made in the browser are lost.`,
      }),
      containers: option({
        type: t.attrsOf(ty.submodule<ProfileValue["containers"][string]>(containerModule)),
        default: {},
        example: { shopping: { id: 1, color: "blue", icon: "cart" }, dangerous: { id: 2, color: "red", icon: "fruit" } },
        description:
          "Containers (Multi-Account Containers) of the profile, by name. See <https://support.mozilla.org/en-US/kb/containers>.",
      }),
      extensions: option({
        type: ty.submodule<ExtensionsValue>(extensions),
        default: {} as ExtensionsValue,
        description: "Extensions of the profile and their settings.",
      }),
    },
    config: ({ cfg, arg }) => ({
      "search._module.args.hmFirefoxProfile": () => ({ name: arg("name") as string, path: cfg.path }),
      settings: () =>
        mkMerge([
          mkIf(cfg.userChrome !== "", { "toolkit.legacyUserProfileCustomizations.stylesheets": mkDefault(true) }),
          mkIf(cfg.storeId !== null, { "toolkit.profiles.storeID": mkDefault(cfg.storeId) }),
        ]),
    }),
  });
}
