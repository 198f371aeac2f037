/**
 * `programs.tealdeer`: tealdeer, a fast tldr client. Installs `package`;
 * writes `settings` (unless null) as TOML (`pkgs.formats.toml`) to
 * `tealdeer/config.toml` under `$XDG_CONFIG_HOME` (macOS: under
 * `~/Library/Application Support`); the `updates` section always carries
 * `auto_update` and `auto_update_interval_hours`. With `enableAutoUpdates`
 * (the default) it turns on `services.tldr-update` with this package. The
 * old `updateOnActivation` option is removed.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  wrapType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, perEvaluation, removedOptionModule, ty, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/tealdeer.ts";

const positive = new TsType<number>((ms) => ms.types.ints.positive!);

const REMOVED =
  "Refreshing tealdeer's cache needs the network, and activation should stay quick and repeatable, so this\n" +
  "option is gone. Set\n\n  `programs.tealdeer.settings.updates.auto_update = true`\n\n" +
  "instead to have tealdeer refresh its cache from time to time.";

function makeTealdeer(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  const tomlType = new TsType<JsValue>((ms) => wrapType(ms, toNix(toml().type)));
  const updates = defineModule({
    file: FILE,
    key: `${FILE}#updates`,
    options: {
      auto_update: mkEnableOption("automatic updates of the page cache"),
      auto_update_interval_hours: option({
        type: positive,
        default: 720,
        example: 24,
        description: "Hours after the last cache update at which the cache is refreshed again (when `auto_update` is on).",
      }),
    },
  });
  const settings = defineModule({
    file: FILE,
    key: `${FILE}#settings`,
    options: {
      updates: option({
        type: ty.submodule<AttrsView>(updates, tomlType),
        default: {},
        description: "When and how often tealdeer refreshes its page cache by itself.",
      }),
    },
  });
  return defineModule({
    file: FILE,
    path: "programs.tealdeer",
    imports: [removedOptionModule(FILE, "programs.tealdeer.updateOnActivation", () => REMOVED).value],
    options: {
      enable: mkEnableOption("Tealdeer"),
      package: mkPackageOption("tealdeer"),
      settings: option({
        type: t.nullOr(ty.submodule<AttrsView>(settings, tomlType)),
        default: null,
        example: { display: { compact: false, use_pager: true }, updates: { auto_update: false } },
        description:
          "tealdeer's configuration, written as TOML to `tealdeer/config.toml` in `$XDG_CONFIG_HOME` " +
          "(macOS: `~/Library/Application Support`); null writes no file. " +
          "The keys are listed at <https://tealdeer-rs.github.io/tealdeer/config.html>.",
      }),
      enableAutoUpdates: option({
        type: t.bool,
        default: true,
        example: false,
        description: "Whether to refresh the page cache on a schedule through `services.tldr-update`.",
      }),
    },
    config: ({ cfg, config, pkgs }) => {
      const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
      const configDir = () => (isDarwin() ? "Library/Application Support" : config.str("xdg.configHome"));
      return mkIf(() => cfg.enable, {
        "home.packages": () => [cfg.package],
        "home.file": () =>
          mkIf(cfg.settings !== null && Object.keys(cfg.settings).length > 0, {
            [`${configDir()}/tealdeer/config.toml`]: { source: callNix(toml().generate, "tealdeer-config", cfg.settings) },
          }),
        "services.tldr-update": () => mkIf(cfg.enableAutoUpdates, { enable: true, package: cfg.package }),
      });
    },
  });
}

/** The module (made per evaluation: the settings type is this evaluation's `pkgs.formats.toml`). */
export const tealdeerModule = perEvaluation(FILE, (a) => makeTealdeer(a));
