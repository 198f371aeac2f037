/**
 * Package references: what a configuration did to reach a package, kept as
 * a small expression tree instead of a value. `pkgs.htop` is
 * `select(root, "htop")`; `pkgs.emacsPackagesFor pkgs.emacs` is
 * `apply(select(root, "emacsPackagesFor"), <pkgs.emacs>)`; a function given
 * to `withPackages` is an argument like any other. A backend turns a
 * reference into a store path (real Nix), a program on the machine (host) or
 * a placeholder (stub); see `backend.ts`.
 */
import type { Lazy } from "../nix/values.js";

export type Ref =
  /** The top of a package set (`import <nixpkgs> {}`): `set` identifies which. */
  | { readonly kind: "root"; readonly set: number }
  /** The argument of a function being translated for Nix (`ps` in `ps: [ ps.magit ]`). */
  | { readonly kind: "param"; readonly n: number }
  | { readonly kind: "select"; readonly of: Ref; readonly name: string }
  | { readonly kind: "apply"; readonly of: Ref; readonly arg: Lazy };

export const rootRef = (set: number): Ref => ({ kind: "root", set });
export const paramRef = (n: number): Ref => ({ kind: "param", n });
export const selectRef = (of: Ref, name: string): Ref => ({ kind: "select", of, name });
export const applyRef = (of: Ref, arg: Lazy): Ref => ({ kind: "apply", of, arg });

/** The attribute path of a reference made only of selections (`["emacsPackages", "magit"]`), else undefined. */
export function attrPathOf(r: Ref): string[] | undefined {
  const out: string[] = [];
  let cur: Ref = r;
  while (cur.kind === "select") {
    out.unshift(cur.name);
    cur = cur.of;
  }
  return cur.kind === "root" ? out : undefined;
}

/** The root set a reference starts from (undefined for function parameters). */
export function rootOf(r: Ref): number | undefined {
  let cur: Ref = r;
  while (cur.kind !== "root" && cur.kind !== "param") cur = cur.of;
  return cur.kind === "root" ? cur.set : undefined;
}

/** The last attribute name selected on the way to `r` (`magit` for `emacsPackages.magit`). */
export function lastName(r: Ref): string | undefined {
  let cur: Ref = r;
  while (cur.kind !== "root" && cur.kind !== "param") {
    if (cur.kind === "select") return cur.name;
    cur = cur.of;
  }
  return undefined;
}

/** How a user would write the reference, for messages: `pkgs.emacsPackages.magit`, `pkgs.git.override {…}`. */
export function describeRef(r: Ref): string {
  switch (r.kind) {
    case "root":
      return "pkgs";
    case "param":
      return `p${r.n}`;
    case "select":
      return `${describeRef(r.of)}.${/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(r.name) ? r.name : JSON.stringify(r.name)}`;
    case "apply":
      return `(${describeRef(r.of)} …)`;
  }
}

/** Does the reference apply a function anywhere (override, withPackages, a call)? */
export function hasApply(r: Ref): boolean {
  let cur: Ref = r;
  while (cur.kind !== "root" && cur.kind !== "param") {
    if (cur.kind === "apply") return true;
    cur = cur.of;
  }
  return false;
}
