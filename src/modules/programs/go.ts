/**
 * `programs.go`: the Go toolchain. Installs `package` (unless null); links
 * each of `packages` into `<first GOPATH entry or ~/go>/src/<import path>`
 * (asserting that this first entry lies in the home directory); writes
 * `env` (empty values left out) with `pkgs.formats.keyValue` to
 * `$XDG_CONFIG_HOME/go/env` (`~/Library/Application Support/go/env` on
 * Darwin), `GOPATH` lists joined with `:` and `GOPRIVATE` lists with `,`;
 * and writes `telemetry` as `<mode> <date>` to `go/telemetry/mode` when a
 * mode is set. The old `goPath`, `extraGoPaths`, `goBin` and `goPrivate`
 * options become entries of `env`.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  submoduleOf,
  t,
  toNix,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, libCall, perEvaluation, ty, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/go.ts";

/** A list of strings or one string, joined with `sep`. */
const joined = (sep: string) => (v: string | readonly string[]) => (typeof v === "string" ? v : v.join(sep));

/** The declared entries of `env`; any other name is a free-form string. */
const envModule = defineModule({
  file: FILE,
  key: `${FILE}#env`,
  options: {
    GOPATH: option({
      type: t.either(t.str, t.listOf(t.str)),
      apply: joined(":"),
      default: "",
      description: "The directories the Go tools use as GOPATH (a list is joined with `:`).",
    }),
    GOPRIVATE: option({
      type: t.either(t.str, t.listOf(t.str)),
      apply: joined(","),
      default: "",
      description:
        "Module path patterns that `go` treats as private, fetching them without the proxy or the checksum database " +
        "(a list is joined with `,`).",
    }),
  },
});

type GoEnv = Readonly<Record<string, string>> & { readonly GOPATH: string; readonly GOPRIVATE: string };

const goModule = defineModule({
  file: FILE,
  path: "programs.go",
  options: {
    enable: mkEnableOption("Go"),
    package: mkPackageOption("go", { nullable: true }),
    packages: option({
      type: t.attrsOf(t.path),
      default: {},
      example: '{ "golang.org/x/text" = builtins.fetchGit "https://go.googlesource.com/text"; }',
      description: "Go packages linked into the first GOPATH directory, by import path.",
    }),
    env: option({
      type: ty.submodule<GoEnv>(envModule, t.attrsOf(t.str)),
      default: {} as GoEnv,
      example:
        '{ GOPATH = [ "${config.home.homeDirectory}/mygo" "/another/go" ]; GOPRIVATE = [ "*.corp.example.com" ]; GOARCH = "amd64"; }',
      description: "Go's environment settings (see `go env` for the names), written to Go's env file.",
    }),
    telemetry: option({
      type: submoduleOf(
        {
          mode: option({
            type: t.nullOr(t.enum(["off", "local", "on"])),
            default: null,
            description: "The Go telemetry mode; null leaves it alone.",
          }),
          date: option({
            type: t.str,
            default: "1970-01-01",
            description:
              "When the mode file was last changed (YYYY-MM-DD); Go counts the wait before its next telemetry upload " +
              'from this date when the mode is "on".',
          }),
        },
        `${FILE}#telemetry`,
      ),
      default: { mode: null, date: "1970-01-01" },
      description: "Go's telemetry settings.",
    }),
  },
  config: ({ cfg, config, pkgs }) => {
    const home = () => config.str("home.homeDirectory");
    const darwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
    const firstGoPath = () => cfg.env.GOPATH.split(":")[0]!;
    const envFile = () => {
      const env = Object.fromEntries(Object.entries(cfg.env).filter(([, v]) => v !== ""));
      return callNix((callNix((pkgs.formats as AttrsView).keyValue, {}) as AttrsView).generate, "go-env", env);
    };
    const modeText = () => `${String(cfg.telemetry.mode)} ${cfg.telemetry.date}`;
    return mkIf(() => cfg.enable, {
      assertions: () => [
        {
          assertion: Object.keys(cfg.packages).length === 0 || cfg.env.GOPATH === "" || firstGoPath().startsWith(home()),
          message:
            "The first element of `programs.go.env.GOPATH must be an absolute path that points to a directory inside " +
            `${home()} if \`programs.go.packages\` is set.`,
        },
      ],
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      "home.file": () =>
        mkMerge([
          mkIf(
            Object.keys(cfg.packages).length > 0,
            Object.fromEntries(
              Object.entries(cfg.packages).map(([n, v]) => [`${cfg.env.GOPATH !== "" ? firstGoPath() : "go"}/src/${n}`, { source: v }]),
            ),
          ),
          mkIf(Object.keys(cfg.env).length > 0, { "Library/Application Support/go/env": { enable: darwin(), source: envFile() } }),
          mkIf(cfg.telemetry.mode !== null, {
            "Library/Application Support/go/telemetry/mode": { enable: darwin(), text: modeText() },
          }),
        ]),
      "xdg.configFile": () =>
        mkMerge([
          mkIf(Object.keys(cfg.env).length > 0, { "go/env": { enable: !darwin(), source: envFile() } }),
          mkIf(cfg.telemetry.mode !== null, { "go/telemetry/mode": { enable: !darwin(), text: modeText() } }),
        ]),
    });
  },
});

/** The old top-level options, each turned into an entry of `env`. */
function oldOptions(a: EvalArgs) {
  const go = (c: JsValue) => ((c as AttrsView).programs as AttrsView).go as AttrsView;
  const home = (c: JsValue) => String(((c as AttrsView).home as AttrsView).homeDirectory);
  const changed = (from: string, to: string, f: (c: JsValue) => unknown) =>
    toNix(libCall(a.lib, "mkChangedOptionModule", ["programs", "go", from], ["programs", "go", "env", to], f));
  return [
    changed("goPath", "GOPATH", (c) => [`${home(c)}/${String(go(c).goPath)}`]),
    changed("extraGoPaths", "GOPATH", (c) =>
      libCall(
        a.lib,
        "mkOrder",
        1500,
        (go(c).extraGoPaths as readonly string[]).map((x) => `${home(c)}/${x}`),
      ),
    ),
    changed("goBin", "GOBIN", (c) => `${home(c)}/${String(go(c).goBin)}`),
    toNix(libCall(a.lib, "mkRenamedOptionModule", ["programs", "go", "goPrivate"], ["programs", "go", "env", "GOPRIVATE"])),
  ];
}

/** The module with its old options. */
export const goModuleValue = perEvaluation(FILE, (a) => [...oldOptions(a), goModule.value]);
