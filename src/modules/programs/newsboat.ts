/**
 * `programs.newsboat`: the Newsboat feed reader. Installs `package`
 * (nullable); writes its `config` (the main settings as lines, then
 * `extraConfig`) and, when `urls` is not empty, its `urls` file: one line per
 * feed (the URL, its tags quoted, `"~title"`) and one `"query:name:filter"`
 * line per query, queries first from state version 20.03 on. The files live
 * in `~/.newsboat` before state version 21.05, in `$XDG_CONFIG_HOME/newsboat`
 * since. Optional systemd timers reload the feeds and clean the cache.
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
  type AttrsView,
} from "../../module-system/index.js";
import { libCall, nixToString, versionAtLeast } from "../module-kit.js";

const FILE = "modules/programs/newsboat.ts";

interface Feed {
  readonly url: string;
  readonly tags: readonly string[];
  readonly title: string | null;
}

const feedType = submoduleOf(
  {
    url: option({ type: t.str, example: "http://example.com", description: "The feed's URL." }),
    tags: option({ type: t.listOf(t.str), default: [], example: ["foo", "bar"], description: "The feed's tags." }),
    title: option({
      type: t.nullOr(t.str),
      default: null,
      example: "ORF News",
      description: "The feed's title, shown instead of its own.",
    }),
  },
  `${FILE}#urls`,
);

const quote = (s: string) => `"${s}"`;

/** The text of the `urls` file; `queriesFirst` from state version 20.03 on. */
export function newsboatUrlsText(urls: readonly Feed[], queries: Readonly<Record<string, string>>, queriesFirst: boolean): string {
  const feeds = urls.map((u) => [u.url, ...u.tags.map(quote), ...(u.title !== null ? [quote(`~${u.title}`)] : [])].join(" "));
  const names = Object.keys(queries).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const qs = names.map((n) => quote(`query:${n}:${queries[n]!.replace(/"/g, '\\"')}`));
  return (queriesFirst ? [...qs, ...feeds] : [...feeds, ...qs]).join("\n") + "\n";
}

/** The text of the `config` file. */
export function newsboatConfigText(c: {
  readonly maxItems: number;
  readonly browser: string;
  readonly reloadThreads: number;
  readonly autoReload: boolean;
  readonly reloadTime: number | null;
  readonly extraConfig: string;
}): string {
  return (
    `max-items ${c.maxItems}\n` +
    `browser ${c.browser}\n` +
    `reload-threads ${c.reloadThreads}\n` +
    `auto-reload ${c.autoReload ? "yes" : "no"}\n` +
    `${c.reloadTime !== null ? `reload-time ${c.reloadTime}` : ""}\n` +
    "prepopulate-query-feeds yes\n\n" +
    `${c.extraConfig}\n`
  );
}

/** A `{ enable, onCalendar }` group for one timer. */
const timerOptions = (what: string, onCalendar: string, example: string) => ({
  enable: mkEnableOption(what),
  onCalendar: option({
    type: t.str,
    default: onCalendar,
    example,
    description: "When the timer runs, as a systemd calendar event (see {manpage}`systemd.time(7)`).",
  }),
});

export const newsboatModule = defineModule({
  file: FILE,
  path: "programs.newsboat",
  options: {
    enable: mkEnableOption("the Newsboat feed reader"),
    package: mkPackageOption("newsboat", { nullable: true }),
    urls: option({
      type: t.listOf(feedType),
      default: [],
      example: [{ url: "http://example.com", tags: ["foo", "bar"] }],
      description: "The feeds to follow. Leave it empty to manage the `urls` file yourself (for example, synced from elsewhere).",
    }),
    maxItems: option({ type: t.int, default: 0, description: "How many items each feed keeps at most; 0 keeps them all." }),
    reloadThreads: option({ type: t.int, default: 5, description: "How many threads fetch feeds at once." }),
    autoReload: option({ type: t.bool, default: false, description: "Whether Newsboat reloads the feeds on its own while it runs." }),
    reloadTime: option({
      type: t.nullOr(t.int),
      default: 60,
      description: "Minutes between automatic reloads; null leaves Newsboat's default.",
    }),
    browser: option({
      type: t.str,
      default: (args) => `${nixToString((args.pkgs as AttrsView)["xdg-utils"]!)}/bin/xdg-open`,
      defaultText: "${pkgs.xdg-utils}/bin/xdg-open",
      description: "The command that opens links.",
    }),
    queries: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { foo: 'rssurl =~ "example.com"' },
      description: "Query feeds, by name: each a filter expression over the other feeds.",
    }),
    extraConfig: option({ type: t.lines, default: "", description: "Lines added at the end of Newsboat's `config` file." }),
    autoFetchArticles: timerOptions("a timer that fetches new articles", "daily", "weekly"),
    autoVacuum: timerOptions("a timer that cleans the Newsboat cache", "weekly", "monthly"),
  },
  config: ({ cfg, config, lib, pkgs }) => {
    const stateVersion = () => config.str("home.stateVersion");
    const exe = (p: unknown) => nixToString(libCall(lib, "getExe", p));
    const urlsText = () => newsboatUrlsText(cfg.urls, cfg.queries, versionAtLeast(stateVersion(), "20.03"));
    const files = () => ({
      urls: mkIf(cfg.urls.length > 0, { text: urlsText() }),
      config: { text: newsboatConfigText(cfg) },
    });
    const prefixed = (prefix: string) => Object.fromEntries(Object.entries(files()).map(([k, v]) => [`${prefix}${k}`, v]));
    const service = (description: string, flag: string) => ({
      Unit: { Description: description, Documentation: ["man:newsboat(1)"] },
      Service: {
        Type: "oneshot",
        Slice: "background.slice",
        CPUSchedulingPolicy: "idle",
        IOSchedulingClass: "idle",
        RuntimeDirectory: "newsboat",
        ExecStart: `${exe(pkgs.flock)} %t/newsboat.lock ${exe(cfg.package)} ${flag}`,
      },
    });
    const timer = (description: string, unit: string, onCalendar: string, after: boolean) => ({
      Unit: { Description: description, Documentation: ["man:newsboat(1)"], ...(after ? { After: ["network.target"] } : {}) },
      Timer: { Unit: `${unit}.service`, OnCalendar: onCalendar, Persistent: true },
      Install: { WantedBy: ["timers.target"] },
    });
    const FETCH = "Automatic Newsboat Article Fetcher";
    const VACUUM = "Automatic Newsboat Cache Cleaner";
    return mkIf(
      () => cfg.enable,
      mkMerge([
        {
          assertions: () => [
            {
              assertion: Object.keys(cfg.queries).length === 0 || cfg.urls.length > 0,
              message: "Cannot specify queries if urls is empty. Unset queries if you\nwant to manage urls imperatively.\n",
            },
            { assertion: !cfg.autoFetchArticles.enable || cfg.package !== null, message: "Cannot fetch articles if package is unset.\n" },
            { assertion: !cfg.autoVacuum.enable || cfg.package !== null, message: "Cannot clean newsboat cache if package is unset.\n" },
          ],
          "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
          "home.file": () => mkIf(!versionAtLeast(stateVersion(), "21.05"), prefixed(".newsboat/")),
          "xdg.configFile": () => mkIf(versionAtLeast(stateVersion(), "21.05"), prefixed("newsboat/")),
        },
        mkIf(() => cfg.autoFetchArticles.enable, {
          "systemd.user.services.newsboat-fetch-articles": () => service(FETCH, "--execute=reload"),
          "systemd.user.timers.newsboat-fetch-articles": () =>
            timer(FETCH, "newsboat-fetch-articles", cfg.autoFetchArticles.onCalendar, true),
        }),
        mkIf(() => cfg.autoVacuum.enable, {
          "systemd.user.services.newsboat-vacuum": () => service(VACUUM, "--vacuum"),
          "systemd.user.timers.newsboat-vacuum": () => timer(VACUUM, "newsboat-vacuum", cfg.autoVacuum.onCalendar, false),
        }),
      ]),
    );
  },
});
