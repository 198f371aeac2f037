/**
 * The small `lib.hm` namespaces: `booleans` (`yesNo`), `assertions`
 * (`assertPlatform`), `darwin` (launchd calendar intervals and their
 * assertion and documentation text) and `git` (`diffPagerConfig`).
 *
 * Assertion sets are built lazily: `assertion` and `message` are only
 * evaluated when the module system looks at them.
 */
import { compareValues, eqValues, forceBool, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { NixAttrs, type Lazy } from "../../nix/values.js";
import { attrs, getAttr, lazy, prim, StrBuf, textOf } from "./prim.js";

/** `elem x list` as Nix evaluates it. */
export function elem(x: Lazy, list: Lazy): boolean {
  for (const e of forceList(list)) if (eqValues(x, e)) return true;
  return false;
}

/** `pkgs.stdenv.hostPlatform.<attr>`. */
function hostPlatform(pkgs: Lazy, attr: string): Lazy {
  return getAttr(getAttr(getAttr(pkgs, "stdenv"), "hostPlatform"), attr);
}

export function booleansLib(): NixAttrs {
  return attrs({ yesNo: prim("lib.hm.booleans.yesNo", 1, ([v]) => (forceBool(v!) ? "yes" : "no")) });
}

export function assertionsLib(st: EvalState): NixAttrs {
  const assertPlatform = prim("lib.hm.assertions.assertPlatform", 3, ([module, pkgs, platforms]) =>
    attrs({
      assertion: lazy(() => elem(hostPlatform(pkgs!, "system"), platforms!)),
      message: lazy(() => {
        const sorted = [...forceList(platforms!)].sort((a, b) => compareValues(a, b));
        const b = new StrBuf(st).text("The module ").interp(module!).text(" does not support your platform. It only supports\n\n");
        sorted.forEach((p, i) => b.text(i > 0 ? "\n  - " : "  - ").interp(p));
        return b.value();
      }),
    }),
  );
  return attrs({ assertPlatform });
}

const INTERVALS = ["hourly", "daily", "weekly", "monthly", "semiannually", "annually"];
const INTERVALS_TEXT = INTERVALS.join(", ");

/** launchd `StartCalendarInterval` entries for each named frequency. */
const CALENDAR: Record<string, Record<string, number>[]> = {
  hourly: [{ Minute: 0 }],
  daily: [{ Hour: 0, Minute: 0 }],
  weekly: [{ Weekday: 1, Hour: 0, Minute: 0 }],
  monthly: [{ Day: 1, Hour: 0, Minute: 0 }],
  semiannually: [
    { Month: 1, Day: 1, Hour: 0, Minute: 0 },
    { Month: 7, Day: 1, Hour: 0, Minute: 0 },
  ],
  annually: [{ Month: 1, Day: 1, Hour: 0, Minute: 0 }],
};

export function darwinLib(st: EvalState): NixAttrs {
  const P = "lib.hm.darwin.";
  return attrs({
    mkCalendarInterval: prim(P + "mkCalendarInterval", 1, ([f]) => {
      const key = textOf(new StrBuf(st).interp(f!).value()).s;
      if (!Object.hasOwn(CALENDAR, key)) return null;
      return CALENDAR[key]!.map((e) => new NixAttrs(new Map(Object.entries(e).map(([k, v]) => [k, BigInt(v)]))));
    }),
    assertInterval: prim(P + "assertInterval", 3, ([option, interval, pkgs]) =>
      attrs({
        assertion: lazy(() => !forceBool(hostPlatform(pkgs!, "isDarwin")) || elem(interval!, INTERVALS)),
        message: lazy(() => new StrBuf(st).text("On Darwin, ").interp(option!).text(` must be one of: ${INTERVALS_TEXT}.`).value()),
      }),
    ),
    intervalDocumentation: `On Darwin, it must be one of: ${INTERVALS_TEXT}, which are implemented as defined in {manpage}\`systemd.time(7)\`.\n`,
  });
}

export function gitLib(): NixAttrs {
  return attrs({
    diffPagerConfig: prim("lib.hm.git.diffPagerConfig", 1, ([cmd]) => attrs({ pager: attrs({ diff: cmd!, log: cmd!, show: cmd! }) })),
  });
}
