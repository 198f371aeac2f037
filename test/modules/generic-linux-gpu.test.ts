/**
 * `targets.genericLinux.gpu` golden cases: the setup package (its command
 * with the Nix state directory filled in, the tmpfiles rule pointing
 * `/run/opengl-driver` at the drivers), the activation check, the default
 * (on with `targets.genericLinux`, off when NixGL is used), Nvidia's drivers
 * from a package set of our own (the mock driver's EGL platform file gets
 * its own rule) or made from `pkgs` with `//`, and the assertions for a
 * missing Nvidia version or hash.
 * Packages are the stub backend's placeholders; the setup package and the
 * drivers' environment are really built into the scratch store.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Case } from "./harness.js";

/** A package set for the drivers: the stub set's builders and a mock Nvidia driver with an EGL platform file. */
const NVIDIA_SET = `
  let
    mock = pkgs.runCommandLocal "mock-nvidia" { } ''
      mkdir -p $out/lib $out/share/egl/egl_external_platform.d
      echo marker > $out/lib/nvidia-marker
      echo '{}' > $out/share/egl/egl_external_platform.d/10_nvidia.json
    '';
    # The driver without libsOnly: the module must override it.
    full = pkgs.runCommandLocal "mock-nvidia-full" { } "mkdir -p $out/bin";
  in {
    inherit (pkgs) buildEnv runCommandLocal mesa libglvnd libvdpau-va-gl intel-media-driver
      nvidia-vaapi-driver egl-wayland egl-wayland2 egl-gbm;
    linuxPackages.nvidiaPackages.mkDriver = args:
      assert args.version == "550.163.01" && args.useSettings == false;
      lib.makeOverridable ({ libsOnly ? false }: if libsOnly then mock else full) { };
  }`;

function storePathOf(c: Case, ev: ReturnType<Case["evaluate"]>, attr: string): string {
  const v = c.json(ev, attr);
  assert.equal(typeof v, "string");
  return v as string;
}

test("gpu: the setup package installs a tmpfiles rule for the drivers, with the state directory given", () => {
  const c = new Case();
  c.homeNix(`targets.genericLinux.gpu = { enable = true; nixStateDirectory = "/var/lib/nix"; };`);
  const ev = c.evaluate();
  const setup = storePathOf(c, ev, "targets.genericLinux.gpu.setupPackage.outPath");
  const drivers = storePathOf(c, ev, "targets.genericLinux.gpu.drivers.outPath");
  assert.ok(ev.generation.packages!.includes(setup));
  assert.match(path.basename(setup), /^[0-9a-z]{32}-non-nixos-gpu$/);
  assert.match(path.basename(drivers), /^[0-9a-z]{32}-non-nixos-gpu$/);
  const script = fs.readFileSync(path.join(setup, "bin/non-nixos-gpu-setup"), "utf8");
  assert.ok((fs.statSync(path.join(setup, "bin/non-nixos-gpu-setup")).mode & 0o111) !== 0);
  assert.ok(script.startsWith("#!/bin/bash\n"));
  assert.ok(script.includes(`ln -sf ${setup}/lib/tmpfiles.d/non-nixos-gpu.conf "$rule"\n`));
  assert.ok(script.includes(`ln -sf "$rule" "/var/lib/nix"/gcroots/non-nixos-gpu.conf\n`));
  assert.ok(!script.includes("%OUT%"));
  assert.equal(
    fs.readFileSync(path.join(setup, "lib/tmpfiles.d/non-nixos-gpu.conf"), "utf8"),
    `L+ /run/opengl-driver - - - - ${drivers}\n`,
  );
  const check = ev.generation.activation!.find((a) => a.name === "checkExistingGpuDrivers");
  assert.ok(check !== undefined);
  assert.ok(check.data.includes(`new=${drivers}\n`));
  assert.ok(check.data.includes(`sudo ${setup}/bin/non-nixos-gpu-setup`));
  assert.deepEqual(c.warnings, []);
});

test("gpu: on by default with targets.genericLinux, off when NixGL provides the drivers", () => {
  const c = new Case();
  c.homeNix(`targets.genericLinux.enable = true;`);
  assert.equal(c.json(c.evaluate(), "targets.genericLinux.gpu.enable"), true);
  c.homeNix(`targets.genericLinux.enable = true; targets.genericLinux.nixGL.packages = { };`);
  const ev = c.evaluate();
  assert.equal(c.json(ev, "targets.genericLinux.gpu.enable"), false);
  assert.equal(
    ev.generation.activation!.some((a) => a.name === "checkExistingGpuDrivers"),
    false,
  );
});

test("gpu: Nvidia's drivers join the environment and their EGL platforms get a rule", () => {
  const c = new Case();
  c.homeNix(`targets.genericLinux.gpu = {
    enable = true;
    packages = ${NVIDIA_SET};
    nvidia = { enable = true; version = "550.163.01"; sha256 = "sha256-hfK1D5EiYcGRegss9+H5dDr/0Aj9wPIJ9NVWP3dNUC0="; };
  };`);
  const ev = c.evaluate();
  const setup = storePathOf(c, ev, "targets.genericLinux.gpu.setupPackage.outPath");
  const drivers = storePathOf(c, ev, "targets.genericLinux.gpu.drivers.outPath");
  assert.equal(fs.readFileSync(path.join(drivers, "lib/nvidia-marker"), "utf8"), "marker\n");
  const platform = fs.realpathSync(path.join(drivers, "share/egl/egl_external_platform.d/10_nvidia.json"));
  assert.equal(
    fs.readFileSync(path.join(setup, "lib/tmpfiles.d/non-nixos-gpu.conf"), "utf8"),
    `L+ /run/opengl-driver - - - - ${drivers}\n` +
      `L+ /etc/egl/egl_external_platform.d/10_nvidia_nix_gpu.json - - - - ${drivers}/share/egl/egl_external_platform.d/10_nvidia.json\n`,
  );
  assert.ok(fs.existsSync(platform));
});

test("gpu: a package set made from pkgs with `//` still has every package of pkgs", () => {
  const c = new Case();
  // Only the driver is replaced; Mesa, the builders and the rest must still come from pkgs.
  c.homeNix(`targets.genericLinux.gpu = {
    enable = true;
    packages = pkgs // {
      linuxPackages = pkgs.linuxPackages // {
        nvidiaPackages = pkgs.linuxPackages.nvidiaPackages // {
          mkDriver = _: lib.makeOverridable (_: pkgs.runCommandLocal "mock-nvidia-layered" { } ''
            mkdir -p $out/lib
            echo layered > $out/lib/nvidia-marker
          '') { };
        };
      };
    };
    nvidia = { enable = true; version = "550.163.01"; sha256 = "sha256-hfK1D5EiYcGRegss9+H5dDr/0Aj9wPIJ9NVWP3dNUC0="; };
  };`);
  const ev = c.evaluate();
  const drivers = storePathOf(c, ev, "targets.genericLinux.gpu.drivers.outPath");
  assert.equal(fs.readFileSync(path.join(drivers, "lib/nvidia-marker"), "utf8"), "layered\n");
  assert.equal(c.json(ev, "targets.genericLinux.gpu.packages.mesa.pname"), "mesa");
});

test("gpu: Nvidia's drivers need a version and a hash", () => {
  const c = new Case();
  const err = c.error(`targets.genericLinux.gpu = { enable = true; nvidia.enable = true; };`);
  assert.match(
    err,
    /- Nvidia proprietary driver is enabled, version must be given\.\n\s*Please set targets\.genericLinux\.gpu\.nvidia\.version\./,
  );
  assert.match(
    err,
    /- Nvidia proprietary driver is enabled, driver hash must be given\.\n\s*Please set targets\.genericLinux\.gpu\.nvidia\.sha256\./,
  );
});
