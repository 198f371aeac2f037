/**
 * `home-environment`: the `home.*` core of Home Manager — who and where the
 * user is (`home.username`, `home.homeDirectory`, `home.uid`,
 * `home.profileDirectory`), the session (`home.sessionVariables`,
 * `home.sessionPath`, `home.sessionSearchVariables`,
 * `home.sessionVariablesExtra`, `home.language`, `home.keyboard`,
 * `home.shellAliases`), packages (`home.packages` and friends) and activation
 * (`home.activation`, a DAG of bash snippets; `home.extraActivationPath`,
 * `home.emptyActivationPath`, …). Defaults that depend on
 * `home.stateVersion` follow Home Manager's. Home Manager's own activation
 * steps (`writeBoundary`, `installPackages`, …) and the `hm-session-vars.sh`
 * package in the profile are added by the builder, not defined here.
 */
import { defineModule, mkDefault, mkIf, mkMerge, type AttrsView, type JsValue } from "../module-system/index.js";
import { callFn, libCall, perEvaluation, removedOptionModule, versionAtLeast } from "./module-kit.js";
import { homeEnvironmentOptions } from "./home-environment-options.js";

const FILE = "modules/home-environment.ts";

/** `home.language.<field>` → the variable it sets. */
export const LANGUAGE_VARIABLES = [
  ["base", "LANG"],
  ["ctype", "LC_CTYPE"],
  ["numeric", "LC_NUMERIC"],
  ["time", "LC_TIME"],
  ["collate", "LC_COLLATE"],
  ["monetary", "LC_MONETARY"],
  ["messages", "LC_MESSAGES"],
  ["paper", "LC_PAPER"],
  ["name", "LC_NAME"],
  ["address", "LC_ADDRESS"],
  ["telephone", "LC_TELEPHONE"],
  ["measurement", "LC_MEASUREMENT"],
] as const;

/** A session value as `export NAME="value"` shows it. */
function exportValue(v: JsValue): string {
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}

/** The text of `hm-session-vars.sh`, as Home Manager writes it. */
export function sessionVarsScript(
  vars: Readonly<Record<string, JsValue>>,
  search: Readonly<Record<string, readonly string[]>>,
  extra: string,
): string {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const exports = Object.keys(vars)
    .sort(byName)
    .filter((k) => vars[k] !== null && vars[k] !== undefined)
    .map((k) => `export ${k}="${exportValue(vars[k]!)}"`)
    .join("\n");
  const prepends = Object.keys(search)
    .sort(byName)
    .map((n) => `export ${n}="${search[n]!.join(":")}\${${n}:+:}$${n}"`)
    .join("\n");
  return (
    "# Only source this once.\n" +
    'if [ -n "${__HM_SESS_VARS_SOURCED-}" ]; then return; fi\n' +
    "export __HM_SESS_VARS_SOURCED=1\n\n" +
    exports +
    "\n" +
    prepends +
    "\n" +
    extra
  );
}

function releaseWarning(hm: string, lib: string, pkgs: string): string {
  const summary =
    lib === pkgs
      ? `Home Manager version ${hm} and\nNixpkgs version ${lib}.`
      : `Home Manager version: ${hm}\nNixpkgs version used to evaluate Home Manager: ${lib}\nNixpkgs version used for packages (\`pkgs\`): ${pkgs}`;
  return `You are using

  ${summary.split("\n").join("\n  ")}

Using mismatched versions is likely to cause errors and unexpected
behavior. It is therefore highly recommended to use a release of Home
Manager that corresponds with your chosen release of Nixpkgs.

If you insist then you can disable this warning by adding

  home.enableNixpkgsReleaseCheck = false;

to your configuration.
`;
}

const REMOVED_SETTER = (profileDirectory: string) => `Session variables are now always set through the shell. This is
done automatically if the shell configuration is managed by Home
Manager. If not, then you must source the

  ${profileDirectory}/etc/profile.d/hm-session-vars.sh

file yourself.
`;

const environment = defineModule({
  file: FILE,
  key: `${FILE}#config`,
  config: ({ config, pkgs, lib }) => {
    const cfg = () => config.get("home") as AttrsView;
    const stateVersion = () => config.str("home.stateVersion");
    // The shells of the catalog. Which options this module defines cannot depend on `options`:
    // finding them needs this module's own definitions (infinite recursion).
    const shells = ["bash", "zsh", "fish", "nushell"];
    return mkMerge([
      {
        warnings: () => {
          const home = cfg();
          const hmRelease = (home.version as AttrsView).release as string;
          const libRelease = libCall(lib, "trivial.release") as string;
          const pkgsRelease = (((pkgs.lib as AttrsView).trivial as AttrsView).release as string) ?? libRelease;
          const mismatch = hmRelease !== libRelease || hmRelease !== pkgsRelease;
          return home.enableNixpkgsReleaseCheck === true && mismatch ? [releaseWarning(hmRelease, libRelease, pkgsRelease)] : [];
        },
        "home.sessionVariables": () => {
          const language = cfg().language as AttrsView;
          const out: Record<string, JsValue> = {};
          for (const [field, variable] of LANGUAGE_VARIABLES) if (language[field] !== null) out[variable] = language[field]!;
          return out;
        },
        "home.sessionSearchVariables": () => {
          const path = cfg().sessionPath as readonly string[];
          return mkIf(path.length > 0, { PATH: path });
        },
        "home.sessionVariablesPackage": () => {
          const home = cfg();
          const text = sessionVarsScript(
            home.sessionVariables as Readonly<Record<string, JsValue>>,
            home.sessionSearchVariables as Readonly<Record<string, readonly string[]>>,
            home.sessionVariablesExtra as string,
          );
          return callFn(pkgs.writeTextFile, { name: "hm-session-vars.sh", destination: "/etc/profile.d/hm-session-vars.sh", text });
        },
        ...Object.fromEntries(shells.map((s) => [`programs.${s}.shellAliases`, () => cfg().shellAliases])),
      },
      // Before 20.09 the user and home directory came from the evaluating environment.
      mkIf(() => !versionAtLeast(stateVersion(), "20.09"), {
        "home.username": () => mkDefault(libCall(lib, "maybeEnv", "USER", "")),
        "home.homeDirectory": () => mkDefault(libCall(lib, "maybeEnv", "HOME", "")),
      }),
    ]);
  },
});

export const homeEnvironmentModule = perEvaluation(FILE, (a) => [
  removedOptionModule(FILE, "home.sessionVariableSetter", () => REMOVED_SETTER(a.get("home.profileDirectory") as string)).value,
  homeEnvironmentOptions(a).value,
  environment.value,
]);
