/**
 * `HomeGeneration`: everything a generation is built from, already evaluated —
 * the plain object the Home Manager modules (or a test fixture, or a JSON
 * file) hand to the builder. Field names follow Home Manager's options
 * (`home.username`, `home.file.<name>.*`, `home.sessionVariables`, …). Paths
 * are absolute; optional fields default as Home Manager's options do.
 */

/** One `home.file` (or `xdg.*File`) entry. */
export interface HomeFileSpec {
  /** Where the file goes: relative to the home directory, or absolute inside it. */
  readonly target: string;
  /** A file or directory (host path or store path) to link. Ignored when `text` is set. */
  readonly source?: string | null;
  /** Text of the file (stored in the store as `hm_<name>`). */
  readonly text?: string | null;
  /** The attribute name (`home.file.<name>`), used to name the text's store path; default: the target. */
  readonly name?: string;
  /** `null` (default): keep the source's executable bit; `true`/`false`: set it. */
  readonly executable?: boolean | null;
  /** Link a directory's files one by one (so other files may live beside them). */
  readonly recursive?: boolean;
  /** Bash run after linking when the file's content changed. */
  readonly onChange?: string;
  /** Replace whatever is at the target (a file or link) without a collision check. */
  readonly force?: boolean;
  /** With `recursive`: link to symlinks in the source instead of copying them. */
  readonly ignorelinks?: boolean;
  /** `false` leaves the entry out. */
  readonly enable?: boolean;
}

/** Values of `home.sessionVariables` (null values are left out). */
export type SessionValue = string | number | boolean | null;

/** One `home.activation` entry (a user's or a module's; Home Manager's own are added by the builder). */
export interface ActivationSnippet {
  readonly name: string;
  /** Bash, run in the activation script. */
  readonly data: string;
  readonly after?: readonly string[];
  readonly before?: readonly string[];
}

export interface SystemdUserConfig {
  /** `systemd.user.enable` (default: true). */
  readonly enable?: boolean;
  /** Unit file name (`foo.service`) → its text; placed under `<xdg.configHome>/systemd/user`. */
  readonly units?: Readonly<Record<string, string>>;
  /** `systemd.user.systemctlPath` (default: `systemctl` found on PATH at build time). */
  readonly systemctlPath?: string;
}

export interface HomeGeneration {
  /** `home.username`. */
  readonly username: string;
  /** `home.homeDirectory` (absolute). */
  readonly homeDirectory: string;
  /** `home.stateVersion`, e.g. "24.11". */
  readonly stateVersion: string;
  /** `home.uid`: checked against `id -u` when set. */
  readonly uid?: number | null;
  /** `home.version.full`, written to `hm-version`. */
  readonly hmVersion?: string;
  /** `home.file` and its aliases, in attribute-name order. */
  readonly files?: readonly HomeFileSpec[];
  readonly sessionVariables?: Readonly<Record<string, SessionValue>>;
  /** `home.sessionPath`: used for PATH when `sessionSearchVariables` has no PATH entry. */
  readonly sessionPath?: readonly string[];
  /** `home.sessionSearchVariables`, merged (PATH already including `sessionPath`). */
  readonly sessionSearchVariables?: Readonly<Record<string, readonly string[]>>;
  readonly sessionVariablesExtra?: string;
  /** `home.packages`: store or host paths, merged into `home-path` as `buildEnv` does. */
  readonly packages?: readonly string[];
  /** `meta.priority` of packages that set one, by path (lower wins a collision; buildEnv's default is 5). */
  readonly packagePriorities?: Readonly<Record<string, number>>;
  /** `home.extraProfileCommands`: bash run on the merged `home-path` (`$out`) before it is stored. */
  readonly extraProfileCommands?: string;
  /** `home.activation` entries other than Home Manager's built-in ones. */
  readonly activation?: readonly ActivationSnippet[];
  /** Add Home Manager's built-in activation entries (default: true). */
  readonly builtinActivation?: boolean;
  readonly systemd?: SystemdUserConfig;
  /** `home.extraActivationPath`: packages whose `bin` joins the activation PATH. */
  readonly extraActivationPath?: readonly string[];
  /** `home.emptyActivationPath` (default: true from state version 22.11). */
  readonly emptyActivationPath?: boolean;
  /** `home.profileDirectory` (default: `<home>/.nix-profile`). */
  readonly profileDirectory?: string;
  /** `xdg.configHome` (default: `<home>/.config`). */
  readonly xdgConfigHome?: string;
  /** `home.extraDependencies`: kept alive with the generation. */
  readonly extraDependencies?: readonly string[];
  /** `home.fileOverlapResolution` (default: "ignore"). */
  readonly fileOverlapResolution?: "ignore" | "error" | "override";
  /** `specialisation.<name>.configuration`: variants, each built as a generation linked at `specialisation/<name>`. */
  readonly specialisations?: Readonly<Record<string, HomeGeneration>>;
}

/** The release this builder writes to `hm-version` by default. */
export const DEFAULT_HM_VERSION = "26.11";

/** A configuration that cannot be built; the message is for the user. */
export class BuildError extends Error {}
