/**
 * The options of a VS Code–style editor module (`programs.vscode` and, with
 * other names, its forks): `enable`, a nullable `package`,
 * `mutableExtensionsDir`, `argvSettings` and `profiles.<name>`, each profile
 * with its settings, tasks, MCP servers, keybindings, extensions, snippets
 * and update-check switches. JSON-valued options use the type of
 * `pkgs.formats.json { }`; most accept a path to a ready-made file instead.
 */
import { defineModule, mkEnableOption, mkPackageOption, option, t, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { lazy, select } from "../../../module-system/nix-values.js";
import { force } from "../../../nix/values.js";
import { ty } from "../../module-kit.js";
import type { RawCtx } from "./nix-data.js";

/** What tells one editor of the family from another. */
export interface EditorSpec {
  /** Where the options live (`programs.vscode`). */
  readonly modulePath: string;
  /** The editor's name in descriptions. */
  readonly name: string;
  /** The attribute of `pkgs` the package defaults to. */
  readonly packageName: string;
  /** The directory below the configuration home (`Code` → `~/.config/Code/User`). */
  readonly nameShort: string;
  /** The directory in the home directory holding `argv.json` and `extensions/` (`.vscode`). */
  readonly dataFolderName: string;
  /** Write the immutable `extensions.json` whatever the package's version. */
  readonly skipVersionCheck?: boolean;
}

/** A JSON value or a path to a JSON file. */
function jsonOrPath(json: ReturnType<typeof t.nix>) {
  return t.either(t.path, json);
}

function keybindingType(spec: EditorSpec, json: ReturnType<typeof t.nix>) {
  const m = defineModule({
    file: `modules/programs/vscode (${spec.modulePath})`,
    key: `${spec.modulePath}#keybinding`,
    options: {
      key: option({ type: t.str, example: "ctrl+c", description: "The key or key chord that triggers the command." }),
      command: option({
        type: t.str,
        example: "editor.action.clipboardCopyAction",
        description: "The command run by the key binding.",
      }),
      when: option({
        type: t.nullOr(t.str),
        default: null,
        example: "textInputFocus",
        description: "A context expression restricting when the binding applies.",
      }),
      args: option({
        type: t.nullOr(json),
        default: null,
        example: { direction: "up" },
        description: "Arguments handed to the command.",
      }),
    },
  });
  return ty.submodule<AttrsView>(m, json);
}

function profileModule(spec: EditorSpec, json: ReturnType<typeof t.nix>) {
  const { name, modulePath } = spec;
  const oneProfile = "Can only be set in the default profile; it then holds for every profile.";
  return defineModule({
    file: `modules/programs/vscode (${modulePath})`,
    key: `${modulePath}#profile`,
    options: {
      userSettings: option({
        type: jsonOrPath(json),
        default: {},
        example: { "files.autoSave": "off", "[nix]": { "editor.tabSize": 2 } },
        description: `The contents of ${name}'s {file}\`settings.json\`, as a JSON-like value or a path to a JSON file.`,
      }),
      userTasks: option({
        type: jsonOrPath(json),
        default: {},
        example: { version: "2.0.0", tasks: [{ type: "shell", label: "Hello task", command: "hello" }] },
        description: `The contents of ${name}'s {file}\`tasks.json\`, as a JSON-like value or a path to a JSON file.`,
      }),
      enableMcpIntegration: option({
        type: t.bool,
        default: false,
        description:
          `Whether to add the servers of {option}\`programs.mcp.servers\` to this profile's ` +
          `{file}\`mcp.json\`. Servers named in {option}\`${modulePath}.profiles.<name>.userMcp\` win over them.`,
      }),
      userMcp: option({
        type: jsonOrPath(json),
        default: {},
        example: { servers: { Github: { url: "https://api.githubcopilot.com/mcp/" } } },
        description: `The contents of ${name}'s {file}\`mcp.json\`, as a JSON-like value or a path to a JSON file.`,
      }),
      keybindings: option({
        type: t.either(t.path, t.listOf(keybindingType(spec, json))) as ReturnType<typeof t.nix>,
        default: [],
        example: [{ key: "ctrl+c", command: "editor.action.clipboardCopyAction", when: "textInputFocus" }],
        description: `The key bindings of ${name}'s {file}\`keybindings.json\`, as a list or a path to a JSON file.`,
      }),
      extensions: option({
        type: t.listOf(t.package),
        default: [],
        description: `Extension packages installed for ${name} (e.g. \`pkgs.vscode-extensions.bbenoist.nix\`).`,
      }),
      languageSnippets: option({
        type: json,
        default: {},
        example: { haskell: { fixme: { prefix: ["fixme"], body: ["$LINE_COMMENT FIXME: $0"], description: "A FIXME note" } } },
        description: "Snippets per language: each attribute becomes `snippets/<language>.json`.",
      }),
      globalSnippets: option({
        type: json,
        default: {},
        example: { fixme: { prefix: ["fixme"], body: ["$LINE_COMMENT FIXME: $0"], description: "A FIXME note" } },
        description: "Snippets available in every language (`snippets/global.code-snippets`).",
      }),
      enableUpdateCheck: option({
        type: t.nullOr(t.bool),
        default: null,
        description: `Whether ${name} checks for and announces its own updates. ${oneProfile}`,
      }),
      enableExtensionUpdateCheck: option({
        type: t.nullOr(t.bool),
        default: null,
        description: `Whether ${name} checks for extension updates. ${oneProfile}`,
      }),
    },
  });
}

/** The profile names other than `default`, read from the configuration view. */
export function otherProfileNames(profiles: JsValue): string[] {
  return Object.keys((profiles ?? {}) as AttrsView).filter((n) => n !== "default");
}

/** The option declarations at `spec.modulePath`. */
export function editorOptions(spec: EditorSpec, c: RawCtx) {
  const json = t.nix(lazy(() => force(select(c.jsonFormat, "type"))));
  const { name, modulePath } = spec;
  return {
    enable: mkEnableOption(name),
    package: mkPackageOption(spec.packageName, { nullable: true, extraDescription: `The build of ${name} to install.` }),
    mutableExtensionsDir: option({
      type: t.bool,
      default: (d) => {
        let v: JsValue = d.arg("config");
        for (const p of modulePath.split(".")) v = (v as AttrsView)[p]!;
        return otherProfileNames((v as AttrsView).profiles ?? null).length === 0;
      },
      defaultText: `(removeAttrs config.${modulePath}.profiles [ "default" ]) == { }`,
      example: false,
      description:
        `Whether ${name} itself (or the user) may install and update extensions next to the ones given here. ` +
        `Only possible while no profile other than \`default\` is defined in {option}\`${modulePath}.profiles\`.`,
    }),
    argvSettings: option({
      type: jsonOrPath(json),
      default: {},
      example: { "enable-crash-reporter": false },
      description: `The contents of ${name}'s {file}\`argv.json\`, as a JSON-like value or a path to a JSON file.`,
    }),
    profiles: option({
      type: t.attrsOf(ty.submodule<AttrsView>(profileModule(spec, json))),
      default: {},
      description:
        `${name}'s profiles, by name; \`default\` is the main one. Defining any other profile makes the ` +
        `extensions directory immutable (see {option}\`${modulePath}.mutableExtensionsDir\`).`,
    }),
  };
}
