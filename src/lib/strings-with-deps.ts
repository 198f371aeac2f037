/**
 * `lib.stringsWithDeps`: the old activation-script snippets with
 * dependencies (`noDepEntry`, `fullDepEntry`, `packEntry`, `stringAfter`) and
 * `textClosureList`/`textClosureMap`, which emit each named entry after its
 * dependencies, every name once, depth first in list order.
 */
import { attrs, call, fn, force, forceList, forceStringNoContext, get, NixAttrs, type Lazy, type LibContext, type Value } from "./prim.js";

type Item = { readonly entry: Lazy } | { readonly text: Lazy };

function textClosureList(predefined: Lazy, arg: Lazy): Lazy[] {
  const done = new Set<string>();
  const result: Lazy[] = [];
  // The pending work, first item next: an entry's dependencies come before its text.
  const todo: Item[] = forceList(arg).map((entry) => ({ entry }));
  while (todo.length > 0) {
    const item = todo.shift()!;
    if ("text" in item) {
      result.push(item.text);
      continue;
    }
    const e = force(item.entry);
    if (e instanceof NixAttrs) {
      const deps = forceList(get(e, "deps")).map((entry): Item => ({ entry }));
      todo.unshift(...deps, { text: get(e, "text") });
      continue;
    }
    const name = forceStringNoContext(e);
    if (done.has(name)) continue;
    done.add(name);
    todo.unshift({ entry: get(predefined, name) });
  }
  return result;
}

export function stringsWithDeps(ctx: LibContext): Value {
  const { B } = ctx;
  return attrs({
    textClosureList: fn("lib.stringsWithDeps.textClosureList", 2, ([p, a]) => textClosureList(p!, a!)),
    textClosureMap: fn("lib.stringsWithDeps.textClosureMap", 3, ([f, p, names]) =>
      B.call(
        "concatStringsSep",
        "\n",
        textClosureList(p!, names!).map((t) => ctx.st.thunk(() => call(f!, t))),
      ),
    ),
    noDepEntry: fn("lib.stringsWithDeps.noDepEntry", 1, ([t]) => attrs({ text: t!, deps: [] })),
    fullDepEntry: fn("lib.stringsWithDeps.fullDepEntry", 2, ([t, d]) => attrs({ text: t!, deps: d! })),
    packEntry: fn("lib.stringsWithDeps.packEntry", 1, ([d]) => attrs({ deps: d!, text: "" })),
    stringAfter: fn("lib.stringsWithDeps.stringAfter", 2, ([d, t]) => attrs({ text: t!, deps: d! })),
  });
}
