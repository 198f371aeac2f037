/**
 * The text of the HTML manual: this project's own chapters, in Markdown,
 * each with the page it is written to and the anchors (chapter and section
 * ids) that live on it. The anchors are those links into the older
 * single-page manual used (`#ch-usage`, `#sec-news`, …), so the legacy
 * redirect pages can send each to its new page.
 */

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** A page of its own (relative to the root), else the section is part of its chapter's page. */
  readonly page?: string;
}

export interface Chapter {
  readonly id: string;
  readonly title: string;
  /** Path of the page, relative to the manual's root. */
  readonly page: string;
  readonly body: string;
  readonly sections: readonly Section[];
}

/** What the front page says before the table of contents. */
export const PREFACE = `Home Manager manages a user's home directory from one declarative
configuration: the packages in the user profile, dotfiles, environment
variables, programs and user services. This is Home Manager in TypeScript:
it reads the same \`home.nix\`, offers the same \`home-manager\` commands and
keeps its store and generations private to the user.

The options a configuration can set are listed in the options reference;
\`man home-configuration.nix\` shows the same list in a terminal.`;

export const CHAPTERS: readonly Chapter[] = [
  {
    id: "ch-introduction",
    title: "Introduction",
    page: "introduction.html",
    body: `A configuration is a Nix module. It sets options such as \`home.packages\`,
\`home.file\` or \`programs.git.enable\`; \`home-manager switch\` turns it into a
*generation* (the files, the profile and an activation script) and makes it
current. Earlier generations stay available until they are removed, so a
change can always be undone with \`home-manager switch --rollback\`.`,
    sections: [],
  },
  {
    id: "ch-installation",
    title: "Installing",
    page: "installation.html",
    body: `Build the program with \`npm ci && npm run build\` and put
\`bin/home-manager\` on your \`PATH\`. Then create a first configuration:`,
    sections: [
      {
        id: "sec-install-standalone",
        title: "A standalone installation",
        body: `\`\`\`
home-manager init --switch
\`\`\`

writes \`~/.config/home-manager/home.nix\` with your user name and home
directory and activates it. With Nix installed, packages are built by Nix
from the nixpkgs on your search path; without it, programs already
installed on the machine are used (\`--packages host\`).`,
      },
    ],
  },
  {
    id: "ch-usage",
    title: "Using Home Manager",
    page: "usage.html",
    body: `Edit \`~/.config/home-manager/home.nix\` (\`home-manager edit\` opens it) and run
\`home-manager switch\` to apply it. \`home-manager build\` builds the new
generation without activating it and leaves a \`result\` link to it.`,
    sections: [
      {
        id: "sec-usage-configuration",
        title: "Configuration example",
        body: `\`\`\`
{ config, pkgs, ... }:
{
  home.username = "jdoe";
  home.homeDirectory = "/home/jdoe";
  home.stateVersion = "24.11";
  home.packages = [ pkgs.htop ];
  programs.git.enable = true;
}
\`\`\`

\`home.stateVersion\` names the release whose defaults the configuration
was written against; keep it when upgrading.`,
      },
      {
        id: "sec-usage-dotfiles",
        title: "Managing files",
        body: `\`home.file."NAME".text\` (or \`.source\`) places a file in the home
directory, \`xdg.configFile\` under \`~/.config\`. Files are links into the
generation; an existing file in the way stops the switch unless \`-b EXT\`
asks to move it aside.`,
      },
      {
        id: "sec-usage-rollbacks",
        title: "Rolling back",
        body: `\`home-manager generations\` lists the generations; \`home-manager switch
--rollback\` activates the one before the current one.`,
      },
      {
        id: "sec-usage-upgrading",
        title: "Upgrading",
        body: `A new release of this program may change defaults only for
configurations whose \`home.stateVersion\` is at least that release, and it
announces changes through \`home-manager news\`.`,
      },
    ],
  },
  {
    id: "ch-nix-flakes",
    title: "Nix flakes",
    page: "nix-flakes.html",
    body: `A \`flake.nix\` beside \`home.nix\` whose \`homeConfigurations."USER"\` is made
with \`homeManagerConfiguration\` is used by every command; \`--flake DIR#NAME\`
names another configuration.`,
    sections: [],
  },
  {
    id: "ch-writing-modules",
    title: "Writing modules",
    page: "writing-modules.html",
    body: `A configuration may import further modules (\`imports = [ ./git.nix ];\`),
which declare options with \`lib.mkOption\` and set others, exactly as NixOS
modules do. \`home-manager option NAME\` shows where an option is declared
and which files set it.`,
    sections: [],
  },
  {
    id: "ch-faq",
    title: "Frequently asked questions",
    page: "faq.html",
    body: `**Why is a file "in the way"?** Home Manager never overwrites a file it did
not create. Remove or rename it, or run \`home-manager switch -b backup\`.

**Where are the options listed?** In the options reference of this manual,
in \`man home-configuration.nix\`, and one by one with \`home-manager option\`.`,
    sections: [],
  },
  {
    id: "ch-contributing",
    title: "Contributing",
    page: "contributing.html",
    body: `Changes come with tests: a module with golden tests of the files it
generates, the evaluator with language tests. Run them with \`npm test\`.`,
    sections: [
      {
        id: "sec-news",
        title: "News entries",
        page: "contributing/news.html",
        body: `A change users should know about gets a news entry (\`news.entries\`): a
fixed, unique id, the time it was written, a condition saying whom it
concerns and the message. \`home-manager news\` shows the entries that
concern the configuration; the release notes list all of them.`,
      },
    ],
  },
];

/** The page of the release notes (relative to the root). */
export const RELEASE_NOTES_PAGE = "release-notes/release-notes.html";
