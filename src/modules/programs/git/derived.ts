/**
 * Values `programs.git` computes from its options and the rest of the
 * configuration, each a function run only when the option it feeds is
 * evaluated: the text of the main configuration file, the include sections,
 * the hooks directory, the default signing program, the `sendemail`
 * sections of email accounts and the assertion that at most one diff tool
 * takes over git's diffs. Options of modules the catalog may lack (email
 * accounts, the diff tools) are read only when declared.
 */
import { toNix, type AttrsView, type JsValue, type ModuleArgs, type Values } from "../../../module-system/index.js";
import { attrs } from "../../../module-system/nix-values.js";
import { force, NixAttrs, type Lazy } from "../../../nix/values.js";
import { callNix, isDeclared, isEmpty, libCall, nixToString, rawAttr } from "../../module-kit.js";
import { sendEmailSections } from "./ini-content.js";
import type { gitOptions, GitIni, GitInclude } from "./options.js";

/** `programs.git`'s option values, as its module sees them. */
export type GitConfig = Values<ReturnType<typeof gitOptions>>;

/** The diff tools of which at most one may take over git's diffs: module name and the option that turns that on. */
const GIT_INTEGRATIONS: readonly (readonly [string, string])[] = [
  ["delta", "enableGitIntegration"],
  ["diff-highlight", "enableGitIntegration"],
  ["diff-so-fancy", "enableGitIntegration"],
  ["difftastic", "git.enable"],
  ["patdiff", "enableGitIntegration"],
  ["riff", "enableGitIntegration"],
];

/** The derived values of one evaluation. */
export function derived(lib: Lazy, { cfg, config, pkgs, arg }: ModuleArgs<GitConfig>) {
  const declared = (path: string) => isDeclared(arg("options"), path);
  /** `"${v}"`: strings as they are, paths copied to the store, packages as their out path. */
  const interpolate = (v: Lazy): string => String(libCall(lib, "concatStrings", [v]));
  const toGitINI = (v: unknown): string => String(libCall(lib, "generators.toGitINI", v));

  return {
    declared,

    /** `lib.getExe pkg`, or `fallback` when there is no package. */
    exeOr: (pkg: JsValue, fallback: string): string => (pkg === null ? fallback : String(libCall(lib, "getExe", pkg))),

    /** `iniContent`, then each non-empty fragment of a list `settings`; blank renderings are dropped. */
    configText: (): string => {
      const fragments = Array.isArray(cfg.settings) ? (cfg.settings as readonly GitIni[]).filter((f) => !isEmpty(f)) : [];
      const rendered = [toGitINI(cfg.iniContent), ...fragments.map(toGitINI)];
      return rendered.filter((text) => !/^\s*$/.test(text)).join("\n");
    },

    /** One `include` or `includeIf "<condition>"` section per entry of `includes`. */
    includeSections: (): string =>
      (cfg.includes as readonly GitInclude[])
        .map((inc) => {
          const path = interpolate(rawAttr(inc, "path"));
          return toGitINI(inc.condition === null ? { include: { path } } : { includeIf: { [inc.condition]: { path } } });
        })
        .join("\n"),

    /** A `linkFarm` of the hooks, by name (the files stay Nix paths, so they are linked from the store). */
    hooksPath: (): string => {
      const hooks = force(toNix(cfg.hooks)) as NixAttrs;
      const entries = hooks.sortedNames().map((name) => attrs({ name, path: hooks.get(name)! }));
      return nixToString(callNix(pkgs.linkFarm, "git-hooks", entries));
    },

    /** The program that signs in `format` when `signing.signer` is not set. */
    defaultSigner: (format: string): JsValue => {
      const gpg = () => config.get("programs.gpg.package");
      if (format === "openpgp") return libCall(lib, "getExe", gpg());
      if (format === "ssh") return libCall(lib, "getExe'", pkgs.openssh, "ssh-keygen");
      return libCall(lib, "getExe'", gpg(), "gpgsm");
    },

    /** `sendemail.<account>` sections (none when the catalog has no email accounts). */
    emailSections: () => {
      if (!declared("accounts.email.accounts")) return {};
      const msmtpExe = () => String(libCall(lib, "getExe", config.get("programs.msmtp.package")));
      return sendEmailSections(config.get("accounts.email.accounts") as AttrsView, config.str("home.stateVersion"), msmtpExe);
    },

    integrationAssertion: () => {
      const enabled: string[] = [];
      for (const [name, opt] of GIT_INTEGRATIONS) {
        const path = `programs.${name}.${opt}`;
        if (!declared(`programs.${name}.enable`) || !declared(path)) continue;
        if (config.bool(`programs.${name}.enable`) && config.bool(path)) enabled.push(path);
      }
      return {
        assertion: enabled.length <= 1,
        message: `Only one of the following options can be enabled at a time.\n  - ${enabled.map((p) => `\`${p}'`).join("\n  - ")}\n`,
      };
    },
  };
}
