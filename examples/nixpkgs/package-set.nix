# A tiny package collection laid out like nixpkgs, for the example and the
# tests of the Nix package backend: every package is a real derivation built
# by /bin/sh (with the host's /bin tools), small enough to build in
# milliseconds. It has what the manual's examples use: htop, fortune, hello,
# git (and gitMinimal), gnupg, beets (with `override`), skim, foo, an emacs
# with `emacsPackagesFor`, `emacsPackages.{nix-mode,magit}`,
# `emacsWithPackages` and `withPackages`, `callPackage`, `symlinkJoin`, and
# the few packages Home Manager's core modules ask for. `channel` tells the
# stable tree from the unstable one (their versions differ).
{ channel, config ? { }, overlays ? [ ], system ? builtins.currentSystem, ... }:

let
  # A program that prints what it is, with the channel and any extra text.
  script = pname: version: extra: ''
    /bin/mkdir -p $out/bin $out/share/doc/${pname}
    printf '#!/bin/sh\necho "${pname} ${version} (${channel})${extra}"\n' > $out/bin/${pname}
    /bin/chmod +x $out/bin/${pname}
    echo "${pname} ${version}" > $out/share/doc/${pname}/README
  '';

  # A derivation with nixpkgs' usual attributes and `override`/`overrideAttrs`.
  mkPackage = args@{ pname, version, extra ? "", mainProgram ? pname, outputs ? [ "out" ], build ? null, ... }:
    let
      drv = derivation {
        name = "${pname}-${version}";
        inherit system outputs;
        builder = "/bin/sh";
        args = [ "-c" (if build == null then script pname version extra else if builtins.isFunction build then build args else build) ];
        # Nothing here is in a binary cache: do not ask one.
        allowSubstitutes = false;
        preferLocalBuild = true;
      };
    in
    drv // {
      inherit pname version;
      meta = { inherit mainProgram; description = "${pname} from the example package set"; };
      override = newArgs: mkPackage (args // newArgs);
      overrideAttrs = f: mkPackage (args // (if builtins.isFunction f then f args else f));
    };

  fix = f: let x = f x; in x;

  # An Emacs package: one file in site-lisp.
  elisp = name: version: mkPackage {
    pname = "emacs-${name}";
    inherit version;
    build = ''
      /bin/mkdir -p $out/share/emacs/site-lisp
      echo ";;; ${name}.el --- ${name} ${version} (${channel})" > $out/share/emacs/site-lisp/${name}.el
    '';
  };

  base = self: {
    inherit config;
    system = system;

    htop = mkPackage { pname = "htop"; version = if channel == "unstable" then "3.4.0" else "3.3.0"; };
    fortune = mkPackage { pname = "fortune-mod"; version = "3.20.0"; mainProgram = "fortune";
      build = ''
        /bin/mkdir -p $out/bin
        printf '#!/bin/sh\necho "A journey of a thousand miles begins with a single step. (${channel})"\n' > $out/bin/fortune
        /bin/chmod +x $out/bin/fortune
      ''; };
    hello = mkPackage { pname = "hello"; version = "2.12.1"; extra = ": Hello, world!"; };
    # Two outputs: `doc` is installed only when home.extraOutputsToInstall asks for it.
    git = mkPackage { pname = "git"; version = "2.47.0"; outputs = [ "out" "doc" ];
      build = { extra ? "", ... }: ''
        /bin/mkdir -p $out/bin $doc/share/doc/git
        printf '#!/bin/sh\necho "git 2.47.0 (${channel})${extra}"\n' > $out/bin/git
        /bin/chmod +x $out/bin/git
        echo "git manual" > $doc/share/doc/git/README
      ''; };
    gitMinimal = self.git.override { extra = " minimal"; };
    gnupg = mkPackage { pname = "gnupg"; version = "2.4.5"; mainProgram = "gpg";
      build = ''
        /bin/mkdir -p $out/bin
        for p in gpg gpg-agent gpgconf gpg-connect-agent; do
          printf '#!/bin/sh\necho "%s 2.4.5 (${channel})"\n' "$p" > $out/bin/$p
          /bin/chmod +x $out/bin/$p
        done
      ''; };
    pinentry = mkPackage { pname = "pinentry"; version = "1.3.1"; };
    pinentry-gnome3 = self.pinentry;
    pinentry-curses = self.pinentry;
    beets = mkPackage { pname = "beets"; version = if channel == "unstable" then "2.2.0" else "2.0.0"; mainProgram = "beet"; pluginOverrides = { }; };
    skim = mkPackage { pname = "skim"; version = if channel == "unstable" then "0.15.0" else "0.10.4"; mainProgram = "sk"; };
    ripgrep = mkPackage { pname = "ripgrep"; version = "14.1.1"; mainProgram = "rg"; };
    restic = mkPackage { pname = "restic"; version = "0.17.3"; };
    # A browser: `firefox`, reconfigurable through `override { cfg = …; extraPolicies = …; }` as nixpkgs' wrapper is.
    firefox = mkPackage { pname = "firefox"; version = "133.0"; cfg = { }; extraPolicies = { }; };
    foo = mkPackage { pname = "foo"; version = if channel == "unstable" then "2.0" else "1.0"; };
    dbus = mkPackage { pname = "dbus"; version = "1.14.10"; mainProgram = "dbus-send"; };
    glibcLocales = mkPackage { pname = "glibc-locales"; version = "2.40";
      build = "/bin/mkdir -p $out/lib/locale && : > $out/lib/locale/locale-archive"; };
    man = mkPackage { pname = "man-db"; version = "2.12.1"; mainProgram = "man"; };
    emacs = mkPackage { pname = "emacs"; version = "30.1"; } // { pkgs = self.emacsPackagesFor self.emacs; };
    emacs-nox = self.emacs;

    # An Emacs package set: its packages, and Emacs with a chosen list of them.
    emacsPackagesFor = emacs: fix (epkgs: {
      nix-mode = elisp "nix-mode" "1.5.0";
      magit = elisp "magit" "4.1.0";
      use-package = elisp "use-package" "2.4.5";
      evil = elisp "evil" "1.15.0";
      # An Emacs package from a source file (`src`), as nixpkgs' trivialBuild makes them.
      trivialBuild = { pname, version ? "0", src, ... }: mkPackage {
        pname = "emacs-${pname}";
        inherit version;
        build = ''
          /bin/mkdir -p $out/share/emacs/site-lisp
          /bin/cp ${src} $out/share/emacs/site-lisp/${pname}.el
        '';
      };
      emacsWithPackages = f: self.symlinkJoin {
        name = "emacs-with-packages-${emacs.version}";
        paths = [ emacs ] ++ (if builtins.isFunction f then f epkgs else f);
      } // { pname = "emacs-with-packages"; version = emacs.version; meta.mainProgram = "emacs"; };
      withPackages = epkgs.emacsWithPackages;
      overrideScope = _: epkgs;
    });
    emacsPackages = self.emacsPackagesFor self.emacs;

    symlinkJoin = { name, paths, ... }: derivation {
      inherit name system;
      allowSubstitutes = false;
      builder = "/bin/sh";
      args = [ "-c" "/bin/mkdir -p $out && for p in $paths; do /bin/cp -rsf --no-preserve=mode $p/. $out/; done" ];
      inherit paths;
    };
    writeShellScriptBin = name: text: derivation {
      inherit name system;
      allowSubstitutes = false;
      builder = "/bin/sh";
      args = [ "-c" "/bin/mkdir -p $out/bin && printf '%s\\n' \"#!/bin/sh\" \"$text\" > $out/bin/${name} && /bin/chmod +x $out/bin/${name}" ];
      inherit text;
    };
    callPackage = fn: args:
      let f = if builtins.isFunction fn then fn else import fn;
      in f (builtins.intersectAttrs (builtins.functionArgs f) self // args);
  };

  applyOverlays = builtins.foldl' (acc: ov: self: let prev = acc self; in prev // ov self prev) base overlays;
in
fix applyOverlays
