# A small home.nix for `npm run example`: switched into a scratch home
# (./.example-home), never your own. With Nix installed, packages are built by
# real Nix from the example package set in ./nixpkgs (scripts/example.sh puts
# it on NIX_PATH as <nixpkgs>).
{ config, pkgs, lib, ... }:

{
  home.username = builtins.getEnv "USER";
  home.homeDirectory = builtins.getEnv "HOME";
  home.stateVersion = "24.11";

  # Packages that should be installed to the user profile.
  home.packages = [
    pkgs.htop
    pkgs.fortune
  ];

  home.sessionVariables = {
    EDITOR = "vim";
  };

  home.file.".hello".text = ''
    Hello from Home Manager in TypeScript, ${config.home.username}!
  '';

  xdg.enable = true;
  xdg.configFile."example/settings.ini".text = lib.generators.toINI { } {
    general = { greeting = "hello"; verbose = true; };
  };

  systemd.user.services.example = {
    Unit.Description = "An example user service";
    Service.ExecStart = "${pkgs.hello}/bin/hello";
    Install.WantedBy = [ "default.target" ];
  };

  # Let Home Manager install and manage itself.
  programs.home-manager.enable = true;

  # From the manual's "Configuration Example".
  programs.emacs = {
    enable = true;
    extraPackages = epkgs: [
      epkgs.nix-mode
      epkgs.magit
    ];
  };

  services.gpg-agent = {
    enable = true;
    defaultCacheTtl = 1800;
    enableSshSupport = true;
  };
}
