/**
 * The news entries this project ships: what changed in Home Manager in
 * TypeScript that its users may want to know, shown by `home-manager news`.
 * Each entry has a fixed, unique `id` (never reused: the ids already read are
 * kept in `news-read-ids`), a time stamp in ISO-8601 UTC with `+00:00`, a
 * condition computed from the configuration (true when the entry concerns
 * everybody), and the message. Add new entries at the end, with the time
 * they were written.
 */
import type { ConfigView } from "../../module-system/index.js";
import type { NewsEntry } from "./news.js";

/** True when `programs.gpg` builds a keyring of its own (immutable keys or trust). */
function gpgBuildsKeyring(config: ConfigView): boolean {
  if (!config.bool("programs.gpg.enable")) return false;
  const keys = config.get("programs.gpg.publicKeys") as readonly { readonly trust: number | null }[];
  const immutableKeys = !config.bool("programs.gpg.mutableKeys") && keys.length > 0;
  const immutableTrust = !config.bool("programs.gpg.mutableTrust") && keys.some((k) => k.trust !== null);
  return immutableKeys || immutableTrust;
}

/** The built-in entries, oldest first; conditions are read from `config` when the list is evaluated. */
export function builtInNewsEntries(config: ConfigView): NewsEntry[] {
  return [
    {
      id: "hm-ts-2026-09-14-package-backends",
      time: "2026-09-14T09:00:00+00:00",
      condition: true,
      message: `Packages now come from one of three backends, chosen with
'--packages nix|host|stub' or the HOME_MANAGER_PACKAGES variable:

  nix   builds them with nix-build from the nixpkgs found on the search
        path; a configuration that did not change calls Nix zero times.
  host  for machines without Nix: a package is a link to the program of
        the same name on PATH.
  stub  placeholder paths, for tests.

Without a choice, 'nix' is used when nix-build and a nixpkgs are found,
'host' otherwise.`,
    },
    {
      id: "hm-ts-2026-10-20-upstream-test-suite",
      time: "2026-10-20T12:00:00+00:00",
      condition: true,
      message: `The module catalog is now checked against Home Manager's own test
suite. The 'hm-modules' conformance runner takes a checkout of
nix-community/home-manager, runs each of its module test cases against
this implementation and reports, per module, the cases that pass, those
that fail (with their differences), and those that need a module not
written yet.`,
    },
    {
      id: "hm-ts-2026-11-25-gpg-immutable-keyring",
      time: "2026-11-25T10:00:00+00:00",
      condition: gpgBuildsKeyring(config),
      message: `programs.gpg: with 'mutableKeys = false' or 'mutableTrust = false', the
keys of 'programs.gpg.publicKeys' are now put in a keyring built by gpg.
'pubring.kbx' in the GnuPG home directory links to it (immutable keys),
and its 'trustdb.gpg' is installed there at every activation (immutable
trust). Until now these settings left both files alone, with a warning.`,
    },
  ];
}
