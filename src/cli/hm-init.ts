/**
 * `home-manager init [--switch] [DIR]`: write a first `DIR/home.nix`
 * (default `<config home>/home-manager`) naming the user (`$USER`), the home
 * directory (`$HOME`), any non-default XDG base directory, and the newest
 * state version `home.stateVersion` accepts, with commented examples. An
 * existing file is left alone, with Home Manager's message. When the
 * installed Nix has flakes enabled (and `--no-flake` is not given), a
 * `flake.nix` is written beside it, with nixpkgs (`--nixpkgs-url`) and Home
 * Manager (`--home-manager-url`) as inputs, and `--switch` uses the flake.
 * `--switch` then activates the file through the `switch` path and prints
 * Home Manager's closing message (or its failure message).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { STATE_VERSIONS } from "../modules/index.js";
import { configHome } from "../store/state-paths.js";
import { defaultSystem } from "../nix/state.js";
import { which } from "../util/which.js";
import { HmContext } from "./hm-context.js";
import { CommandExit, doSwitch } from "./hm-switch.js";

/** `escapeForNix`: backslash before `"`, `$` and `\`. */
export function escapeForNix(s: string): string {
  return s.replace(/["$\\]/g, (c) => "\\" + c);
}

/** The newest state version our `home.stateVersion` accepts. */
export const LATEST_STATE_VERSION: string = STATE_VERSIONS[STATE_VERSIONS.length - 1]!;

/** The text of a first `home.nix`. */
export function initialHomeNix(env: Readonly<Record<string, string | undefined>>): string {
  const home = env.HOME ?? "";
  const xdg: string[] = [];
  const dirs: [string, string, string][] = [
    ["XDG_CACHE_HOME", "cacheHome", ".cache"],
    ["XDG_CONFIG_HOME", "configHome", ".config"],
    ["XDG_DATA_HOME", "dataHome", ".local/share"],
    ["XDG_STATE_HOME", "stateHome", ".local/state"],
  ];
  for (const [v, opt, dflt] of dirs) {
    const val = env[v];
    if (val !== undefined && val !== `${home}/${dflt}`) xdg.push(`  xdg.${opt} = "${escapeForNix(val)}";\n`);
  }
  return `{ config, pkgs, ... }:

{
  # Who you are and which directory Home Manager looks after.
  home.username = "${escapeForNix(env.USER ?? "")}";
  home.homeDirectory = "${escapeForNix(home)}";
${xdg.join("")}
  # The Home Manager release whose defaults this configuration was written
  # against. Keep it as it is when you upgrade; read the release notes before
  # ever raising it, since some defaults change with it.
  home.stateVersion = "${LATEST_STATE_VERSION}"; # Read the comment above first.

  # Packages to put on your PATH.
  home.packages = [
    # pkgs.hello

    # A small script of your own, for example:
    # (pkgs.writeShellScriptBin "greet" ''
    #   echo "Hi, \${config.home.username}!"
    # '')
  ];

  # Files in your home directory, linked from the generation.
  home.file = {
    # Copy a file kept next to this one:
    # ".screenrc".source = ./dotfiles/screenrc;

    # Or give the content here:
    # ".config/example/settings.ini".text = ''
    #   verbose = true
    # '';
  };

  # Environment variables for your login shells. If Home Manager does not
  # manage your shell, source 'hm-session-vars.sh' yourself; it is in
  #
  #   ~/.nix-profile/etc/profile.d/hm-session-vars.sh
  #
  # or
  #
  #   ~/.local/state/nix/profiles/profile/etc/profile.d/hm-session-vars.sh
  #
  # or
  #
  #   /etc/profiles/per-user/$USER/etc/profile.d/hm-session-vars.sh
  #
  home.sessionVariables = {
    # EDITOR = "vim";
  };

  # Let Home Manager install and manage itself.
  programs.home-manager.enable = true;
}
`;
}

/** The text of a first `flake.nix` (flake mode): nixpkgs and Home Manager as inputs, `homeConfigurations."USER"` from `./home.nix`. */
export function initialFlakeNix(user: string, system: string, homeManagerUrl: string, nixpkgsUrl: string): string {
  const u = escapeForNix(user);
  return `{
  description = "Home Manager configuration of ${u}";

  inputs = {
    # Where the package set and Home Manager come from. \`nix flake update\`
    # moves both to their newest revisions (recorded in flake.lock).
    nixpkgs.url = "${escapeForNix(nixpkgsUrl)}";
    home-manager = {
      url = "${escapeForNix(homeManagerUrl)}";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs =
    { nixpkgs, home-manager, ... }:
    let
      system = "${escapeForNix(system)}";
      pkgs = nixpkgs.legacyPackages.\${system};
    in
    {
      homeConfigurations."${u}" = home-manager.lib.homeManagerConfiguration {
        inherit pkgs;

        # The modules of this configuration; home.nix is the one to edit.
        modules = [ ./home.nix ];

        # Anything in extraSpecialArgs becomes an argument of every module.
        # extraSpecialArgs = { };
      };
    };
}
`;
}

/** Does the installed Nix have flakes enabled (Home Manager's test: `nix eval --expr builtins.getFlake` succeeds)? */
function nixHasFlakes(env: Readonly<Record<string, string | undefined>>): boolean {
  const nix = which("nix", env.PATH ?? "");
  if (nix === undefined) return false;
  const r = spawnSync(nix, ["eval", "--expr", "builtins.getFlake"], { env: env as NodeJS.ProcessEnv, stdio: "ignore", timeout: 30_000 });
  return r.status === 0;
}

/** `home-manager init [--switch] [--no-flake] [--home-manager-url URL] [--nixpkgs-url URL] [DIR]`. */
export function doInit(ctx: HmContext): number {
  const prog = ctx.prog;
  let confDir: string | undefined;
  let doSwitchAfter = false;
  let noFlake = false;
  let homeManagerUrl = "github:nix-community/home-manager";
  let nixpkgsUrl = "github:nixos/nixpkgs/nixpkgs-unstable";
  const a = ctx.args.commandArgs;
  for (let i = 0; i < a.length; i++) {
    const opt = a[i]!;
    if (opt === "--no-flake") noFlake = true;
    else if (opt === "--switch") doSwitchAfter = true;
    else if (opt === "--home-manager-url" || opt === "--nixpkgs-url") {
      const v = a[i + 1];
      if (v === undefined || v.startsWith("-")) {
        ctx.error(`${prog}: missing argument for ${opt}`);
        return 1;
      }
      if (opt === "--home-manager-url") homeManagerUrl = v;
      else nixpkgsUrl = v;
      i++;
    } else if (opt.startsWith("-")) {
      ctx.error(`${prog}: unknown option '${opt}'`);
      return 1;
    } else if (confDir !== undefined) {
      ctx.err(`Run '${prog} --help' for usage help`);
      return 1;
    } else confDir = opt;
  }
  const dir = path.resolve(ctx.io.cwd, confDir ?? path.join(configHome(ctx.env), "home-manager"));
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
  if (!fs.statSync(dir).isDirectory()) {
    ctx.error(`${prog}: unknown option '${a[a.length - 1] ?? dir}'`);
    return 1;
  }
  const confFile = path.join(dir, "home.nix");
  if (fs.existsSync(confFile)) ctx.out(`The file ${confFile} already exists, leaving it unchanged...`);
  else {
    ctx.out(`Creating ${confFile}...`);
    fs.writeFileSync(confFile, initialHomeNix(ctx.env));
  }
  const withFlake = !noFlake && nixHasFlakes(ctx.env);
  const flakeFile = path.join(dir, "flake.nix");
  if (withFlake) {
    if (fs.existsSync(flakeFile)) ctx.out(`The file ${flakeFile} already exists, leaving it unchanged...`);
    else {
      ctx.out(`Creating ${flakeFile}...`);
      fs.writeFileSync(flakeFile, initialFlakeNix(ctx.env.USER ?? "", defaultSystem(), homeManagerUrl, nixpkgsUrl));
    }
  }
  if (!doSwitchAfter) return 0;
  ctx.out("");
  ctx.out("Creating initial Home Manager generation...");
  ctx.out("");
  const target = withFlake ? { file: undefined, flake: dir } : { file: confFile, flake: undefined };
  const sub = new HmContext(ctx.io, { ...ctx.args, command: "switch", commandArgs: [], ...target }, prog);
  let code: number;
  try {
    code = doSwitch(sub);
  } catch (e) {
    if (e instanceof CommandExit) code = e.code;
    else throw e;
  }
  if (code === 0) {
    ctx.out(
      `All done! The home-manager tool should now be installed and you can edit\n\n    ${confFile}\n\n` +
        `to configure Home Manager. Run 'man home-configuration.nix' to\nsee all available options.`,
    );
    return 0;
  }
  ctx.out(
    "Uh oh, the installation failed! Please create an issue at\n\n    https://github.com/nix-community/home-manager/issues\n\n" +
      "if the error seems to be the fault of Home Manager.",
  );
  return 1;
}
