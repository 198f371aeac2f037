/**
 * How `home-manager` turns a configuration into a `HomeGeneration`: through an
 * evaluator registered here. Until the module system and Home Manager's
 * modules are in place, the default evaluator cannot evaluate `home.nix` and
 * says so — except that it accepts an already evaluated configuration as JSON
 * from the file named by `HOME_MANAGER_GENERATION_JSON` (this is how the
 * end-to-end tests drive the real command as a separate process). Tests that
 * call `cli()` in-process register their own evaluator.
 */
import * as fs from "node:fs";
import type { HomeGeneration } from "../build/home-config.js";

export interface EvaluatorOptions {
  /** The configuration file (`-f`, `$HOME_MANAGER_CONFIG`, or the default location), for non-flake use. */
  readonly file?: string | undefined;
  /** `--flake` (or the auto-detected flake directory) and the configuration name. */
  readonly flake?: { readonly uri: string; readonly name: string; readonly names?: readonly string[] } | undefined;
  /** `-A ATTRIBUTE` ("" for the whole file). */
  readonly attr: string;
  /** `-I PATH` entries, in order. */
  readonly includePaths: readonly string[];
  /** `--packages`: the package backend (`nix`, `host`, `stub`); default `HOME_MANAGER_PACKAGES`, else chosen automatically. */
  readonly packages?: string | undefined;
  /** Options meant for Nix (`--arg`, `--option`, `--show-trace`, …). */
  readonly passthrough: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly verbose: boolean;
}

export type HomeEvaluator = (opts: EvaluatorOptions) => HomeGeneration;

/** The evaluator cannot produce a configuration; the message is for the user. */
export class EvaluationError extends Error {}

export const GENERATION_JSON_VAR = "HOME_MANAGER_GENERATION_JSON";

/** The built-in evaluator: a JSON configuration if one is named, else a clear refusal. */
export const defaultEvaluator: HomeEvaluator = (opts) => {
  const json = opts.env[GENERATION_JSON_VAR];
  if (json !== undefined && json !== "") {
    try {
      return JSON.parse(fs.readFileSync(json, "utf8")) as HomeGeneration;
    } catch (e) {
      throw new EvaluationError(`cannot read the configuration in '${json}': ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const what = opts.flake !== undefined ? `the flake configuration '${opts.flake.uri}#${opts.flake.name}'` : `'${opts.file ?? "home.nix"}'`;
  throw new EvaluationError(`evaluating home.nix is not available yet (configuration: ${what})`);
};

let current: HomeEvaluator = defaultEvaluator;

/** Use `evaluator` for every command that needs a configuration. */
export function registerHomeEvaluator(evaluator: HomeEvaluator): void {
  current = evaluator;
}

/** Back to the built-in evaluator. */
export function resetHomeEvaluator(): void {
  current = defaultEvaluator;
}

/** The evaluator in use. */
export function homeEvaluator(): HomeEvaluator {
  return current;
}
