/**
 * The assertions and warnings of a Firefox-like browser module, in Home
 * Manager's order: platform, exactly one default profile, container ids in
 * range, `languagePacks`/`globalExtensions` needing a package, add-on ids of
 * global extensions, unique profile ids and StoreIDs; then per profile (in
 * name order) unique container ids, acknowledged extension settings, a
 * StoreID matching `toolkit.profiles.storeID`, extension permissions, and the
 * bookmarks' `force`. Messages are Home Manager's, word for word.
 */
import type { Lazy } from "../../../nix/values.js";
import type { AttrsView, JsValue } from "../../../module-system/index.js";
import { libCall } from "../../module-kit.js";
import { extensionSettingsMissingForce } from "./profile-files.js";
import type { ProfileValue } from "./profile.js";
import { bookmarksAssertion } from "./bookmarks.js";
import { toJsonText } from "./store-bytes.js";

export interface Assertion {
  readonly assertion: boolean;
  readonly message: string;
}

/** What the checks read of the browser module. */
export interface BrowserView {
  readonly modulePath: readonly string[];
  readonly appName: string;
  readonly isDarwin: boolean;
  readonly package: JsValue;
  readonly darwinDefaultsId: string | null;
  readonly languagePacks: readonly string[];
  readonly globalExtensions: readonly JsValue[];
  readonly profiles: Readonly<Record<string, ProfileValue>>;
}

/** The package of a `globalExtensions` element (a package, or `{ package; settings; }`). */
export function globalExtensionPackage(elem: JsValue): AttrsView {
  const v = elem as AttrsView;
  return v.type !== "derivation" && "package" in v ? (v.package as AttrsView) : v;
}

/** Entities whose ids collide, as Home Manager's duplicate-id assertion reports them. */
function noDuplicates(appName: string, entities: Readonly<Record<string, { id: number }>>, kind: string): Assertion {
  const byId = new Map<string, string[]>();
  for (const name of Object.keys(entities).sort()) {
    const id = String(entities[name]!.id);
    byId.set(id, [...(byId.get(id) ?? []), name]);
  }
  const dups = [...byId.keys()].sort().filter((id) => byId.get(id)!.length !== 1);
  return {
    assertion: dups.length === 0,
    message:
      `Must not have a ${appName} ${kind} with an existing ID but\n` +
      dups.map((id) => `  - ID ${id} is used by ${byId.get(id)!.join(", ")}`).join("\n"),
  };
}

function duplicateStoreIds(b: BrowserView): Assertion {
  const byId = new Map<string, string[]>();
  for (const name of Object.keys(b.profiles).sort()) {
    const s = b.profiles[name]!.storeId;
    if (s !== null) byId.set(s, [...(byId.get(s) ?? []), name]);
  }
  const dups = [...byId.keys()].sort().filter((id) => byId.get(id)!.length !== 1);
  return {
    assertion: Object.keys(b.profiles).length === 0 || dups.length === 0,
    message:
      `Must not have duplicate ${b.appName} profile StoreIDs:\n` +
      `${dups.map((id) => `  - StoreID ${id} is used by ${byId.get(id)!.join(", ")}`).join("\n")}\n`,
  };
}

const json = (lib: Lazy, v: readonly string[]) => toJsonText(lib, v);

function permissionAssertions(lib: Lazy, profilePath: readonly string[], p: ProfileValue): Assertion[] {
  const ext = p.extensions;
  return ext.packages.map((pkg) => {
    const addonId = "addonId" in pkg && pkg.addonId !== null ? (pkg.addonId as string) : (pkg.name as string);
    const permissions = Object.hasOwn(ext.settings, addonId) ? ext.settings[addonId]!.permissions : null;
    const requireCheck = ext.exhaustivePermissions || permissions !== null;
    const authorized = permissions ?? [];
    const requested = ((pkg.meta as AttrsView).mozPermissions as readonly string[]) ?? [];
    const missing = requested.filter((x) => !authorized.includes(x));
    const redundant = authorized.filter((x) => !requested.includes(x));
    const satisfied = ext.exactPermissions ? missing.length === 0 && redundant.length === 0 : missing.length === 0;
    let text: string;
    if (ext.exactPermissions && missing.length > 0 && redundant.length > 0)
      text =
        `Extension ${addonId} requests permissions that weren't\nauthorized: ${json(lib, missing)}.\n` +
        `Additionally, the following permissions were authorized,\nbut extension ${addonId} did not request them:\n` +
        `${json(lib, redundant)}.\nConsider adjusting the permissions in`;
    else if (ext.exactPermissions && redundant.length > 0)
      text =
        `The following permissions were authorized, but extension\n${addonId} did not request them: ${json(lib, redundant)}.\n` +
        "Consider removing the redundant permissions from";
    else
      text = `Extension ${addonId} requests permissions that weren't\nauthorized: ${json(lib, missing)}.\nConsider adding the missing permissions to`;
    const where = libCall(lib, "showAttrPath", [...profilePath, "extensions", addonId]) as string;
    return { assertion: !requireCheck || satisfied, message: `${text}\n'${where}.permissions'.\n` };
  });
}

function profileAssertions(lib: Lazy, b: BrowserView, name: string): Assertion[] {
  const p = b.profiles[name]!;
  const profilePath = [...b.modulePath, "profiles", name];
  const shown = libCall(lib, "showOption", profilePath) as string;
  const moduleName = b.modulePath.join(".");
  const settings = p.settings as AttrsView;
  const storeIdPref = "toolkit.profiles.storeID" in settings ? settings["toolkit.profiles.storeID"] : p.storeId;
  const out: Assertion[] = [
    noDuplicates(b.appName, p.containers, "container"),
    {
      assertion: !extensionSettingsMissingForce(p.extensions.settings) || p.extensions.force,
      message:
        `Using '${shown}.extensions.settings' will override all\nprevious extensions settings. Enable either\n` +
        `'${shown}.extensions.force' or the corresponding\n'${shown}.extensions.settings.<extensionId>.force'\nto acknowledge this.\n`,
    },
    {
      assertion: p.storeId === null || storeIdPref === p.storeId,
      message:
        `${moduleName}.profiles.${name}.storeId must match\n` + `${moduleName}.profiles.${name}.settings."toolkit.profiles.storeID"\n`,
    },
    ...permissionAssertions(lib, profilePath, p),
  ];
  for (const id of Object.keys(p.extensions.settings).sort()) {
    const found = p.extensions.packages.filter((pkg) => ("addonId" in pkg && pkg.addonId !== null ? pkg.addonId : pkg.name) === id).length;
    out.push({
      assertion: p.extensions.settings[id]!.permissions === null || found === 1,
      message: `Must have exactly one extension with addonId '${id}'\nin '${shown}.extensions.packages' but found ${found}.\n`,
    });
  }
  out.push(bookmarksAssertion(lib, [...profilePath, "bookmarks"], p.bookmarks));
  return out;
}

/** All assertions of the module but the platform one (which Home Manager's `assertPlatform` makes). */
export function browserAssertions(lib: Lazy, b: BrowserView): Assertion[] {
  const moduleName = b.modulePath.join(".");
  const profiles = Object.values(b.profiles);
  const defaults = Object.keys(b.profiles)
    .sort()
    .filter((n) => b.profiles[n]!.isDefault)
    .map((n) => b.profiles[n]!.name);
  const badContainers = profiles.flatMap((p) => Object.values(p.containers)).filter((c) => c.id === 0 || c.id >= 4294967294);
  const wrapped = "'" + moduleName;
  return [
    {
      assertion: profiles.length === 0 || defaults.length === 1,
      message:
        `Must have exactly one default ${b.appName} profile but found ${defaults.length}` +
        (defaults.length > 1 ? `, namely ${defaults.join(", ")}` : ""),
    },
    { assertion: profiles.length === 0 || badContainers.length === 0, message: "Container id must be between 1 and 4294967293" },
    {
      assertion: b.languagePacks.length === 0 || b.package !== null,
      message: `${wrapped}.languagePacks' requires '${moduleName}.package'\nto be set to a non-null value.\n`,
    },
    {
      assertion: b.globalExtensions.length === 0 || b.package !== null || (b.isDarwin && b.darwinDefaultsId !== null),
      message:
        `${wrapped}.globalExtensions' requires '${moduleName}.package' to be set to a non-null value unless ` +
        `'${moduleName}.darwinDefaultsId' is set on Darwin.`,
    },
    {
      assertion: b.globalExtensions.every((e) => "addonId" in globalExtensionPackage(e)),
      message: `${moduleName}.globalExtensions requires each package to expose addonId in passthru.`,
    },
    noDuplicates(b.appName, b.profiles, "profile"),
    duplicateStoreIds(b),
    ...Object.keys(b.profiles)
      .sort()
      .flatMap((n) => profileAssertions(lib, b, n)),
  ];
}
