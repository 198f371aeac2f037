/**
 * `lib.hm.deprecations`: standard warning texts for deprecated option values,
 * renamed-settings modules, recursive key renaming with a warning per renamed
 * key, and the `home.stateVersion`-dependent option defaults with their
 * migration warnings.
 *
 * Option paths are shown with nixpkgs' `lib.showOption`; values with
 * `lib.generators.toPretty`; warnings go through `lib.warn`, so
 * `--abort-on-warn` applies. Results are lazy where Home Manager's are: a
 * renamed key warns when the renamed set is forced, not before.
 */
import { NixError } from "../../nix/errors.js";
import { callFunction, eqValues, forceAttrs, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, isFunction, NixAttrs, type Lazy, type Value } from "../../nix/values.js";
import { elem } from "./misc.js";
import { apply, attrs, formals, getAttr, lazy, LibRef, prim, StrBuf, str, textOf, opt } from "./prim.js";
import { toCaseWithSeparator } from "./strings.js";

const P = "lib.hm.deprecations.";

/** `compareVersions a b < 0`. */
function versionOlder(st: EvalState, a: Lazy, b: Lazy): boolean {
  const cmp = force(st.builtins.get("compareVersions")!);
  return force(callFunction(callFunction(cmp, a), b)) === -1n;
}

/** `lib.toList`. */
function toList(v: Lazy): Lazy[] {
  const x = force(v);
  return Array.isArray(x) ? x : [x];
}

class Deprecations {
  constructor(
    private readonly st: EvalState,
    private readonly lib: LibRef,
  ) {}

  private showOption(path: Lazy): Value {
    return this.lib.call("showOption", path);
  }

  valueWarning(arg: Lazy): Value {
    const a = formals(arg, "mkDeprecatedOptionValueWarning", ["option", "old", "replacement", "details?"]);
    const b = new StrBuf(this.st)
      .text("Using `")
      .interp(this.showOption(getAttr(a, "option")))
      .text("` as ")
      .interp(getAttr(a, "old"));
    b.text(" is deprecated and will be\nremoved in a future release. Please use ").interp(getAttr(a, "replacement")).text(" instead.\n");
    const details = opt(a, "details", "");
    if (!eqValues(details, "")) b.text("\n").interp(details).text("\n");
    return b.value();
  }

  renameWarning(arg: Lazy): Value {
    const a = formals(arg, "mkDeprecatedOptionValueRenameWarning", ["option", "old", "replacement"]);
    return new StrBuf(this.st)
      .text("The value ")
      .interp(getAttr(a, "old"))
      .text(" for `")
      .interp(this.showOption(getAttr(a, "option")))
      .text("` is deprecated and will be\nremoved in a future release. Please use ")
      .interp(getAttr(a, "replacement"))
      .text(" instead.\n")
      .value();
  }

  settingsRenamedModules(oldPrefix: Lazy, newPrefix: Lazy, opts: Lazy, specs: Lazy): Value {
    const o = formals(opts, "anonymous lambda", ["transform?"]);
    const transform = o.get("transform");
    const tr = (s: Lazy): Lazy => lazy(() => (transform === undefined ? toCaseWithSeparator(this.st, "_", s) : apply(transform, s)));
    return forceList(specs).map((spec) =>
      lazy(() => {
        const sv = force(spec);
        let oldPath: Lazy[];
        let newPath: Lazy[];
        if (sv instanceof NixAttrs) {
          oldPath = toList(getAttr(sv, "old"));
          newPath = toList(getAttr(sv, "new"));
        } else {
          oldPath = toList(sv);
          newPath = oldPath.map(tr);
        }
        const from = forceList(oldPrefix).concat(oldPath);
        const to = forceList(newPrefix).concat(newPath);
        return this.lib.call("mkRenamedOptionModule", from, to);
      }),
    );
  }

  remap(arg: Lazy, pathStr: Lazy, value: Lazy): Value {
    const a = formals(arg, "remapAttrsRecursive", ["pred", "transform", "ignore?"]);
    const ignore = opt(a, "ignore", []);
    const migrate = (path: Lazy, l: Lazy): Value => {
      const v = force(l);
      if (v instanceof NixAttrs) {
        const m = new Map<string, Lazy>();
        for (const name of v.sortedNames()) {
          const renamed = force(apply(getAttr(a, "pred"), name)) === true && !elem(name, ignore);
          const newName = renamed ? str(apply(getAttr(a, "transform"), name)) : name;
          const childPath = lazy(() => new StrBuf(this.st).interp(path).text(".").text(name).value());
          const child = lazy(() => migrate(childPath, v.get(name)!));
          if (newName !== name) {
            const msg = new StrBuf(this.st)
              .text(`home-manager: The setting '${name}' in '`)
              .interp(path)
              .text(`' was automatically renamed to '${newName}'. Please update your configuration.`)
              .value();
            this.lib.call("warn", msg, null);
          }
          if (!m.has(newName)) m.set(newName, child);
        }
        return new NixAttrs(m);
      }
      if (Array.isArray(v)) {
        return v.map((x, i) =>
          lazy(() =>
            migrate(
              lazy(() => new StrBuf(this.st).interp(path).text(`.[${i}]`).value()),
              x,
            ),
          ),
        );
      }
      return v;
    };
    return migrate(pathStr, value);
  }

  stateVersionDefault(arg: Lazy): Value {
    const names = [
      "stateVersion",
      "since",
      "optionPath",
      "legacy",
      "current",
      "extraWarning?",
      "config?",
      "options?",
      "warningPriority?",
      "shouldWarn?",
      "deferWarningToConfig?",
    ];
    const a = formals(arg, "mkStateVersionOptionDefault", names);
    const st = this.st;
    const legacy = getAttr(a, "legacy");
    const current = getAttr(a, "current");
    const since = getAttr(a, "since");
    const option = lazy(() => this.showOption(getAttr(a, "optionPath")));
    const textOfSide = (side: Lazy) =>
      lazy(() =>
        forceAttrs(side).get("text") !== undefined
          ? force(getAttr(side, "text"))
          : this.lib.call("generators.toPretty", NixAttrs.empty, getAttr(side, "value")),
      );
    const legacyText = textOfSide(legacy);
    const currentText = textOfSide(current);
    const extra = opt(a, "extraWarning", "");
    const warning = lazy(() => {
      const b = new StrBuf(st)
        .text("The default value of `")
        .interp(option)
        .text("` has changed from `")
        .interp(legacyText)
        .text("` to `")
        .interp(currentText);
      b.text("`.\nYou are currently using the legacy default (`")
        .interp(legacyText)
        .text('`) because `home.stateVersion` is less than "')
        .interp(since);
      b.text('".\nTo silence this warning and keep legacy behavior, set:\n  ').interp(option).text(" = ").interp(legacyText);
      b.text(";\nTo adopt the new default behavior, set:\n  ").interp(option).text(" = ").interp(currentText).text(";\n");
      if (!eqValues(extra, "")) b.text("\n").interp(extra);
      return b.value();
    });
    const config = opt(a, "config", null);
    const options = opt(a, "options", null);
    const canDefer = force(config) !== null && force(options) !== null;
    const defer = force(opt(a, "deferWarningToConfig", false)) === true;
    if (defer && !canDefer) {
      throw new NixError(
        "throw",
        "`lib.hm.deprecations.mkStateVersionOptionDefault` requires both `config` and `options`\nwhen `deferWarningToConfig = true`.\n",
      );
    }
    const optionInfo = lazy(() => (canDefer ? this.lib.call("getAttrFromPath", getAttr(a, "optionPath"), options) : NixAttrs.empty));
    const warningPriority = opt(
      a,
      "warningPriority",
      lazy(() => force(getAttr(this.lib.call("mkOptionDefault", NixAttrs.empty), "priority"))),
    );
    const usesDefaultPrio = lazy(() => canDefer && this.geq(getAttr(optionInfo, "highestPrio"), warningPriority));
    const legacyBranch = lazy(() => versionOlder(st, getAttr(a, "stateVersion"), since));
    const equal = lazy(() => eqValues(getAttr(legacy, "value"), getAttr(current, "value")));
    const shouldWarn = opt(a, "shouldWarn", null);
    return attrs({
      default: lazy(() =>
        force(legacyBranch) === true && !defer && force(equal) === false
          ? this.lib.call("warn", warning, getAttr(legacy, "value"))
          : force(getAttr(current, "value")),
      ),
      defaultText: lazy(() => {
        const b = new StrBuf(st).text('if lib.versionAtLeast config.home.stateVersion "').interp(since).text('" then ');
        return this.lib.call("literalExpression", b.interp(currentText).text(" else ").interp(legacyText).text("\n").value());
      }),
      effectiveDefault: lazy(() => force(getAttr(force(legacyBranch) === true ? legacy : current, "value"))),
      warning,
      optionUsesDefaultPriority: usesDefaultPrio,
      shouldWarn: lazy(() => {
        if (!defer || force(legacyBranch) !== true || force(equal) === true) return false;
        const sw = force(shouldWarn);
        if (isFunction(sw) || (sw instanceof NixAttrs && sw.has("__functor"))) {
          return force(apply(sw, attrs({ optionInfo, optionUsesDefaultPriority: usesDefaultPrio })));
        }
        return force(usesDefaultPrio);
      }),
    });
  }

  private geq(a: Lazy, b: Lazy): boolean {
    const x = force(a);
    const y = force(b);
    if (typeof x === "bigint" && typeof y === "bigint") return x >= y;
    return Number(x) >= Number(y);
  }

  omittedFieldPredicate(arg: Lazy): Value {
    const a = formals(arg, "mkListEntryOmittedFieldPredicate", ["omittedField", "triggerField", "triggerPredicate?"]);
    return prim(P + "mkListEntryOmittedFieldPredicate", 1, ([entry]) => {
      const v = force(getAttr(entry!, "value"));
      if (!(v instanceof NixAttrs)) return false;
      const trigger = str(getAttr(a, "triggerField"));
      const tv = v.get(trigger);
      if (tv === undefined) return false;
      const pred = a.get("triggerPredicate");
      const ok = pred === undefined ? !eqValues(tv, null) && !eqValues(tv, "") : force(apply(pred, tv)) === true;
      return ok && !v.has(str(getAttr(a, "omittedField")));
    });
  }

  listSubmoduleWarnings(arg: Lazy): Value {
    const names = ["stateVersion", "since", "baseWarning", "definitions", "shouldWarnEntry", "describeEntry?", "extraEntryWarning?"];
    const a = formals(arg, "mkStateVersionListSubmoduleWarnings", names);
    if (!versionOlder(this.st, getAttr(a, "stateVersion"), getAttr(a, "since"))) return [];
    const out: Lazy[] = [];
    for (const def of forceList(getAttr(a, "definitions"))) {
      const file = lazy(() =>
        force(callFunction(force(this.st.builtins.get("baseNameOf")!), new StrBuf(this.st).toStr(getAttr(def, "file")).value())),
      );
      forceList(getAttr(def, "value")).forEach((value, i) => {
        const entry = attrs({ index: BigInt(i + 1), value, file });
        if (force(apply(getAttr(a, "shouldWarnEntry"), entry)) === true) out.push(lazy(() => this.entryWarning(a, entry)));
      });
    }
    return out;
  }

  private entryWarning(a: NixAttrs, entry: NixAttrs): Value {
    const base = textOf(force(getAttr(a, "baseWarning")));
    const describe = a.get("describeEntry");
    const extraFn = a.get("extraEntryWarning");
    const b = new StrBuf(this.st).context(force(getAttr(a, "baseWarning"))).text(base.s.endsWith("\n") ? base.s.slice(0, -1) : base.s);
    b.text("\nTriggered by ").interp(describe === undefined ? "an entry" : apply(describe, entry));
    b.text(" defined in `").interp(getAttr(entry, "file")).text("` at list index ").toStr(getAttr(entry, "index")).text(".");
    const extra = extraFn === undefined ? "" : apply(extraFn, entry);
    if (!eqValues(extra, "")) b.text("\n").interp(extra);
    return b.value();
  }
}

/** The `lib.hm.deprecations` attribute set. */
export function deprecationsLib(st: EvalState, lib: LibRef): NixAttrs {
  const d = new Deprecations(st, lib);
  return attrs({
    mkDeprecatedOptionValueWarning: prim(P + "mkDeprecatedOptionValueWarning", 1, ([a]) => d.valueWarning(a!)),
    mkDeprecatedOptionValueRenameWarning: prim(P + "mkDeprecatedOptionValueRenameWarning", 1, ([a]) => d.renameWarning(a!)),
    mkSettingsRenamedOptionModules: prim(P + "mkSettingsRenamedOptionModules", 4, ([o, n, t, s]) =>
      d.settingsRenamedModules(o!, n!, t!, s!),
    ),
    remapAttrsRecursive: prim(P + "remapAttrsRecursive", 3, ([a, p, v]) => d.remap(a!, p!, v!)),
    mkStateVersionOptionDefault: prim(P + "mkStateVersionOptionDefault", 1, ([a]) => d.stateVersionDefault(a!)),
    mkListEntryOmittedFieldPredicate: prim(P + "mkListEntryOmittedFieldPredicate", 1, ([a]) => d.omittedFieldPredicate(a!)),
    mkStateVersionListSubmoduleWarnings: prim(P + "mkStateVersionListSubmoduleWarnings", 1, ([a]) => d.listSubmoduleWarnings(a!)),
  });
}
