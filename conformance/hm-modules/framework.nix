# The test framework of the hm-modules conformance runner, as a module of
# our own that is evaluated by our evaluator next to the catalog. It gives
# a case the options that Home Manager's test suite gives it: `nmt.*` (the
# script run against the built generation), `test.asserts.*` (warnings and
# failed assertions are written under home-files/asserts/ and compared by
# the script), `test.stubs`/`test.unstubs` (package overlays, passed on
# through `nixpkgs.overlays`), `test.enableBig`, `test.enableLegacyIfd` and
# `config.lib.test.mkStubPackage`; and it fixes the impure defaults
# (user name, home directory, state version 18.09, XDG on, no manual
# pages). The runner calls this file with the case's name first, and the
# directories of the tools it made (real-tools.ts): `realPkgs` offers
# `realTools` as packages, every package set the `standInTools` (stand-ins
# for kept-real packages the host lacks).
{
  caseName,
  realTools ? { },
  standInTools ? { },
}:
{
  config,
  lib,
  options,
  pkgs,
  ...
}:
let
  inherit (lib)
    mkDefault
    mkIf
    mkMerge
    mkOption
    types
    ;

  cfg = config.test;

  # Entries of the asserts files are separated by a line holding `--`.
  joined = lib.concatStringsSep "\n--\n";

  plainBuild = "mkdir $out";

  stubSubmodule =
    { name, ... }:
    {
      options = {
        name = mkOption {
          type = types.str;
          default = "dummy";
          description = "Name of the stand-in package.";
        };
        outPath = mkOption {
          type = types.nullOr types.str;
          default = "@${name}@";
          description = "Output path the stand-in claims (null: its real output).";
        };
        version = mkOption {
          type = types.nullOr types.str;
          default = null;
          description = "Version of the stand-in (null: the replaced package's).";
        };
        buildScript = mkOption {
          type = types.str;
          default = plainBuild;
          description = "Builder script of the stand-in.";
        };
        extraAttrs = mkOption {
          type = types.attrsOf types.anything;
          default = { };
          description = "Further attributes; functions are added as they are, others through overrideAttrs.";
        };
      };
    };

  makeStub =
    {
      name ? "dummy",
      outPath ? null,
      version ? null,
      buildScript ? plainBuild,
      extraAttrs ? { },
    }:
    let
      built = pkgs.runCommandLocal name {
        pname = name;
        meta.mainProgram = name;
      } buildScript;
      functions = lib.filterAttrs (_: lib.isFunction) extraAttrs;
      values = lib.filterAttrs (_: v: !lib.isFunction v) extraAttrs;
      # A package made without `overrideAttrs` gets the attributes directly.
      adjusted =
        if values == { } then
          built
        else if built ? overrideAttrs then
          built.overrideAttrs (old: lib.recursiveUpdate old values)
        else
          lib.recursiveUpdate built values;
    in
    adjusted
    // functions
    // lib.optionalAttrs (outPath != null) {
      inherit outPath;
      outputSpecified = true;
      # As Home Manager's stubs: a build that takes the stand-in as an input gets the real build.
      __spliced = {
        buildHost = adjusted;
        hostTarget = adjusted;
      };
    }
    // lib.optionalAttrs (version != null) { inherit version; };

  stubOverlay =
    _final: prev:
    lib.mapAttrs (
      attr: spec:
      makeStub (
        spec
        // lib.optionalAttrs (spec.version == null) {
          version = prev.${attr}.version or null;
        }
      )
    ) cfg.stubs;

  # Home Manager's suite keeps a few packages real. Our stand-ins have no
  # version; the one whose version modules look at (the locale archive's
  # variable depends on glibc's) gets a current glibc version.
  # Its scrubbed packages keep their real versions too; those that modules
  # or cases compare (Nix: `nix.conf` needs Nix 2.2 or later, cases copy
  # `lib.getVersion pkgs.nixVersions.stable`) get current ones here.
  withVersion = version: pkg: pkg // { inherit version; };
  # glibc's version stays on a changed copy (`glibcLocales.override { locales = …; }`), as in nixpkgs.
  withGlibcVersion =
    pkg:
    pkg
    // {
      version = "2.40";
      override = args: withGlibcVersion (pkg.override args);
      overrideAttrs = f: withGlibcVersion (pkg.overrideAttrs f);
    };
  nixVersion = "2.31.2";
  realPackages = _final: prev: {
    glibcLocales = withGlibcVersion prev.glibcLocales;
    nix = withVersion nixVersion prev.nix;
    # programs.fzf checks the version (history widget, nushell integration); nixpkgs' is recent enough.
    fzf = withVersion "0.73.0" prev.fzf;
    # fish's version decides between completion files and `source` lines (programs.carapace).
    fish = withVersion "4.0.2" prev.fish;
    # zellij's version decides between config.kdl and the old config.yaml.
    zellij = withVersion "0.43.1" prev.zellij;
    nixVersions = prev.nixVersions // {
      stable = withVersion nixVersion prev.nixVersions.stable;
      latest = withVersion "2.32.4" prev.nixVersions.latest;
      git = withVersion "2.33.0pre" prev.nixVersions.git;
    };
  };

  # The runner's tools as packages (out path: the tool's directory).
  toolPackages = lib.mapAttrs (
    name: dir:
    let
      drv = {
        type = "derivation";
        inherit name;
        pname = name;
        outPath = dir;
        outputs = [ "out" ];
        outputName = "out";
        out = drv;
        meta.mainProgram = name;
      };
    in
    drv
  );
  realToolsOverlay = _final: _prev: toolPackages realTools;
  standInsOverlay = _final: _prev: toolPackages standInTools;

  # Options that a case sets but Home Manager declares nowhere (a stale setting of its test): its
  # suite evaluates unchecked and ignores them, so they are declared here, for that case only,
  # and ignored. Every other undeclared option still fails its case.
  undeclaredByHomeManager = {
    fish-format-scripts = [
      [
        "programs"
        "fish"
        "formatFishScripts"
      ]
    ];
    # Sets `programs.rofi.window`, which no module of this checkout declares.
    rofi-valid-config = [
      [
        "programs"
        "rofi"
        "window"
      ]
    ];
    # Sets a top-level `aria2.enable` (meant `programs.aria2.enable`), which no module declares.
    aria2-disabled = [
      [
        "aria2"
        "enable"
      ]
    ];
  };
  ignoredOptions = lib.foldl' lib.recursiveUpdate { } (
    map (
      p:
      lib.setAttrByPath p (mkOption {
        type = types.anything;
        internal = true;
        description = "Set by this case, declared by no Home Manager module; ignored.";
      })
    ) (undeclaredByHomeManager.${caseName} or [ ])
  );

  hasZshDotDir = lib.hasAttrByPath [
    "programs"
    "zsh"
    "dotDir"
  ] options;
in
{
  imports = [ { options = ignoredOptions; } ];

  options.nmt = {
    name = mkOption {
      type = types.str;
      internal = true;
      description = "Name of the case.";
    };
    description = mkOption {
      type = types.str;
      default = "";
      description = "What the case checks.";
    };
    script = mkOption {
      type = types.lines;
      default = "";
      description = "Bash run against the built generation (`$TESTED`).";
    };
  };

  options.test = {
    asserts = {
      warnings = {
        enable = mkOption {
          type = types.bool;
          default = true;
          description = "Compare the warnings with the expected ones.";
        };
        expected = mkOption {
          type = types.listOf types.str;
          default = [ ];
          description = "The warnings the case expects.";
        };
      };
      assertions = {
        enable = mkOption {
          type = types.bool;
          default = true;
          description = "Compare the failed assertions with the expected ones.";
        };
        expected = mkOption {
          type = types.listOf types.str;
          default = [ ];
          description = "Messages of the assertions the case expects to fail.";
        };
      };
    };
    # Newer cases set this; the suite of this checkout declares no such option and, running
    # unchecked, ignores it. It is accepted and ignored here too.
    asserts.evalWarnings = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Accepted and ignored (see above).";
      };
      expected = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Accepted and ignored (see above).";
      };
    };
    stubs = mkOption {
      type = types.attrsOf (types.submodule stubSubmodule);
      default = { };
      description = "Packages replaced by stand-ins.";
    };
    stubOverlays = mkOption {
      type = types.anything;
      default = [ ];
      internal = true;
      description = "The overlays made from `test.stubs` and `test.unstubs`.";
    };
    unstubs = mkOption {
      type = types.listOf types.anything;
      default = [ ];
      description = "Overlays applied after the stubs.";
    };
    enableBig = mkOption {
      type = types.bool;
      default = true;
      description = "Run cases that need big packages.";
    };
    enableLegacyIfd = mkOption {
      type = types.bool;
      default = false;
      description = "Run cases that import from derivations.";
    };
    # Declarative checks some newer cases use (`programs.kitty`'s auto-theme-files). This
    # checkout's suite declares no such options (running unchecked, it ignores them); here
    # they are checked for real, as the matching nmt.script lines.
    assertFileExists = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Files (relative to the generation) that must exist.";
    };
    assertFileRegex = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Pairs of a file and a regular expression one of its lines must match, in one flat list.";
    };
  };

  config = mkMerge [
    {
      nmt.name = caseName;
      # Home Manager's unscrubbed packages: here the host's programs (`__hmHostPackages`, our package
      # layer's extension), plus the tools the runner provides.
      _module.args.realPkgs = import <nixpkgs> {
        __hmHostPackages = true;
        overlays = [
          realPackages
          realToolsOverlay
        ];
      };
      xdg.enable = mkDefault true;
      # Home Manager turns `xdg.mime` on by default on Linux, where its suite runs (our module
      # leaves it off by default: see modules/misc/xdg/mime.ts).
      xdg.mime.enable = mkDefault pkgs.stdenv.hostPlatform.isLinux;
      home.username = "hm-user";
      home.homeDirectory = "/home/hm-user";
      home.stateVersion = mkDefault "18.09";
      manual.manpages.enable = mkDefault false;
      lib.test.mkStubPackage = makeStub;
      test.stubOverlays = lib.optional (cfg.stubs != { }) stubOverlay ++ cfg.unstubs;
    }
    {
      nixpkgs.overlays = lib.mkBefore [
        realPackages
        standInsOverlay
      ];
    }
    (mkIf (cfg.stubs != { } || cfg.unstubs != [ ]) {
      nixpkgs.overlays = lib.mkAfter cfg.stubOverlays;
    })
    (lib.optionalAttrs hasZshDotDir {
      programs.zsh.dotDir = mkIf (config.home.stateVersion == "18.09") (mkDefault "/home/hm-user");
    })
    {
      nmt.script = lib.concatMapStrings (f: "assertFileExists ${lib.escapeShellArg f}\n") cfg.assertFileExists
        + lib.concatStrings (
          lib.genList (
            i:
            "assertFileRegex ${lib.escapeShellArg (lib.elemAt cfg.assertFileRegex (2 * i))} ${
              lib.escapeShellArg (lib.elemAt cfg.assertFileRegex (2 * i + 1))
            }\n"
          ) (lib.length cfg.assertFileRegex / 2)
        );
    }
    (mkIf cfg.asserts.warnings.enable {
      home.file."asserts/warnings.actual".text = joined config.warnings;
      home.file."asserts/warnings.expected".text = joined cfg.asserts.warnings.expected;
      nmt.script = ''
        assertFileContent home-files/asserts/warnings.actual "$TESTED/home-files/asserts/warnings.expected"
      '';
    })
    (mkIf cfg.asserts.assertions.enable {
      home.file."asserts/assertions.actual".text = joined (
        map (a: a.message) (lib.filter (a: !a.assertion) config.assertions)
      );
      home.file."asserts/assertions.expected".text = joined cfg.asserts.assertions.expected;
      nmt.script = ''
        assertFileContent home-files/asserts/assertions.actual "$TESTED/home-files/asserts/assertions.expected"
      '';
    })
  ];
}
