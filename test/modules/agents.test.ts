/**
 * Golden cases of `services.ssh-agent`, `programs.keychain`,
 * `programs.password-store` and `services.syncthing`: the ssh-agent unit and
 * its `SSH_AUTH_SOCK` line in `.profile`; keychain's shell lines; pass's
 * legacy `PASSWORD_STORE_DIR` and warning before state version 25.11; the
 * Syncthing unit, its `syncthing-init` updater and the REST calls it makes.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("ssh-agent: unit flags and SSH_AUTH_SOCK in the login shell", () => {
  const c = stub();
  const g = c.gen(`
  programs.bash.enable = true;
  services.ssh-agent = {
    enable = true;
    socket = "agent/s";
    defaultMaximumIdentityLifetime = 600;
    pkcs11Whitelist = [ "/usr/lib/a.so" "/opt/*" ];
  };`);
  assert.equal(
    textAt(g, ".config/systemd/user/ssh-agent.service"),
    "[Install]\nWantedBy=default.target\n\n" +
      "[Service]\nExecStart=@openssh@/bin/ssh-agent -D -a %t/agent/s -t 600 -P '/usr/lib/a.so,/opt/*'\nSuccessExitStatus=2\n\n" +
      "[Unit]\nDescription=SSH authentication agent\nDocumentation=man:ssh-agent(1)\n",
  );
  assert.ok(
    textAt(g, ".profile").includes(
      'if [ -z "$SSH_AUTH_SOCK" -o -z "$SSH_CONNECTION" ]; then\n  export SSH_AUTH_SOCK="$XDG_RUNTIME_DIR/agent/s"\nfi\n',
    ),
  );
});

test("keychain and password-store: shell lines, legacy store directory and its warning", () => {
  const c = stub();
  c.homeNix(
    `
  programs.keychain = { enable = true; keys = [ "id_ed25519" "work" ]; inheritType = "any"; agents = [ "ssh" ]; };
  programs.password-store.enable = true;`,
    { stateVersion: "25.05" },
  );
  const ev = c.evaluate();
  const line = 'eval "$(SHELL=bash @keychain@/bin/keychain --eval --quiet --agents ssh --inherit any id_ed25519 work)"\n';
  assert.ok((c.json(ev, "programs.bash.initExtra") as string).endsWith(line));
  assert.equal(c.json(ev, "xsession.initExtra"), line);
  assert.deepEqual(c.json(ev, "home.sessionVariables"), { PASSWORD_STORE_DIR: `${c.home}/.local/share/password-store` });
  const warnings = c.json(ev, "warnings") as string[];
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^The default value of `programs\.password-store\.settings` has changed from/);

  const d = stub();
  d.homeNix(`programs.password-store = { enable = true; settings.PASSWORD_STORE_KEY = "ABCD"; };`, { stateVersion: "25.05" });
  const ev2 = d.evaluate();
  assert.deepEqual(d.json(ev2, "home.sessionVariables"), { PASSWORD_STORE_KEY: "ABCD" });
  assert.deepEqual(d.json(ev2, "warnings"), []);
});

test("syncthing: service, and the updater pushing devices, folders and other settings", () => {
  const c = stub();
  const g = c.gen(`
  services.syncthing = {
    enable = true;
    allProxy = "socks5://h:1";
    extraOptions = [ "--x y" ];
    settings.devices.box = { id = "ID-BOX"; addresses = [ "tcp://10.0.0.2:22000" ]; };
    settings.folders."/home/u/docs" = { id = "docs"; devices = [ "box" ]; ignorePatterns = [ "*.tmp" ]; };
    settings.folders.off = { enable = false; path = "/off"; };
    settings.gui.theme = "black";
  };`);
  const service = textAt(g, ".config/systemd/user/syncthing.service");
  assert.ok(
    service.includes(
      "Environment=all_proxy=socks5://h:1\n" +
        "ExecStart=@syncthing@/bin/syncthing serve --no-browser --no-restart --no-upgrade '--gui-address=127.0.0.1:8384' '--x y'\n",
    ),
  );
  assert.ok(!service.includes("ExecStartPre"));
  assert.ok(targets(g).includes(".config/systemd/user/default.target.wants/syncthing-init.service"));
  const init = textAt(g, ".config/systemd/user/syncthing-init.service");
  const script = fs.readFileSync(/ExecStart=(\S+-merge-syncthing-config)\n/.exec(init)![1]!, "utf8");
  const files = script.match(/\S+-conf-pre-secrets\.json/g)!;
  assert.deepEqual(
    files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as unknown),
    [
      { addresses: ["tcp://10.0.0.2:22000"], autoAcceptFolders: false, deviceID: "ID-BOX", id: "ID-BOX", name: "box" },
      {
        copyOwnershipFromParent: false,
        devices: [{ deviceId: "ID-BOX" }],
        enable: true,
        id: "docs",
        label: "/home/u/docs",
        path: "/home/u/docs",
        type: "sendreceive",
        versioning: null,
      },
    ],
  );
  assert.ok(script.includes('curl -d \'{"ignore":["*.tmp"]}\' -X POST 127.0.0.1:8384/rest/db/ignores?folder=docs\n'));
  assert.ok(script.includes("--argjson new_ids '[\"docs\"]'"));
  assert.ok(script.includes('curl -X PUT -d \'{"theme":"black"}\' 127.0.0.1:8384/rest/config/gui\n'));

  const d = stub();
  const g2 = d.gen(`services.syncthing.enable = true;`);
  assert.ok(!targets(g2).includes(".config/systemd/user/syncthing-init.service"));
});
