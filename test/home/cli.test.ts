/**
 * The `home-manager` command line: Home Manager's argument parsing and
 * messages (missing arguments, unknown options, options only allowed after a
 * command, unknown commands, no command), `--version`, `help`, finding the
 * configuration (`-f`, `$HOME_MANAGER_CONFIG`, the default and the deprecated
 * locations, the message naming the file to create), and the built-in
 * evaluator's answer while `home.nix` cannot be evaluated yet.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import { helpText } from "../../src/cli/hm-args.js";
import { VERSION } from "../../src/cli/home-manager.js";
import type { EvaluatorOptions } from "../../src/cli/config-evaluator.js";
import { registerHomeEvaluator, resetHomeEvaluator } from "../../src/cli/config-evaluator.js";
import { cli } from "../../src/cli/home-manager.js";
import { nodeIO } from "../../src/nix/io.js";
import { Sandbox } from "./helpers.js";

const boxes: Sandbox[] = [];
function box(): Sandbox {
  const b = new Sandbox();
  boxes.push(b);
  return b;
}
after(() => boxes.forEach((b) => b.cleanup()));

const TABLE: [argv: string[], code: number, stdout: string, stderr: string][] = [
  [["--version"], 0, `${VERSION}\n`, ""],
  [["help"], 0, helpText("home-manager"), ""],
  [["-h"], 0, helpText("home-manager"), ""],
  [["switch", "--help"], 0, helpText("home-manager"), ""],
  [[], 1, "", helpText("home-manager")],
  [["-v"], 1, "", helpText("home-manager")],
  [["-f"], 1, "", "home-manager: missing argument for -f\n"],
  [["-b", "-v", "switch"], 1, "", "home-manager: missing argument for -b\n"],
  [["--override-input", "a"], 1, "", "home-manager: missing argument for --override-input a\n"],
  [["--arg", "x"], 1, "", "home-manager: missing argument for --arg x\n"],
  [["switch", "--frobnicate"], 1, "", "home-manager: unknown option '--frobnicate'\nRun 'home-manager --help' for usage help\n"],
  [["switch", "extra"], 1, "", "home-manager: unknown option 'extra'\nRun 'home-manager --help' for usage help\n"],
  [["--rollback", "switch"], 1, "", "home-manager: --rollback can only be used after switch\n"],
  [["-c", "x", "switch"], 1, "", "home-manager: --specialisation can only be used after switch\n"],
  [["--recursive"], 1, "", "home-manager: --recursive can only be used after option\n"],
  [["test"], 1, "", "Unknown command: test\n" + helpText("home-manager")],
  [["rollback"], 1, "", "Unknown command: rollback\n" + helpText("home-manager")],
];

test("argument parsing and its messages", () => {
  const sb = box();
  for (const [argv, code, stdout, stderr] of TABLE) {
    const r = sb.run(argv);
    assert.deepEqual(r, { code, stdout, stderr }, argv.join(" "));
  }
});

test("a later command word wins, options may come after it, and passthrough options reach the evaluator", () => {
  const sb = box();
  let seen: EvaluatorOptions | undefined;
  registerHomeEvaluator((o) => {
    seen = o;
    return sb.config();
  });
  let out = "";
  const io = {
    stdout: (s: string) => void (out += s),
    stderr: (s: string) => void (out += s),
    readStdin: () => "",
    env: sb.env,
    cwd: sb.root,
    evalIO: nodeIO,
    isTTY: false,
  };
  try {
    const code = cli(
      [
        "generations",
        "build",
        "--no-out-link",
        "-A",
        "work",
        "-I",
        "nixpkgs=/x",
        "--show-trace",
        "--arg",
        "a",
        "1",
        "--option",
        "cores",
        "2",
      ],
      io,
    );
    assert.equal(code, 0, out);
  } finally {
    resetHomeEvaluator();
  }
  assert.equal(seen?.attr, "work");
  assert.deepEqual(seen?.includePaths, ["nixpkgs=/x"]);
  assert.deepEqual(seen?.passthrough, ["--show-trace", "--arg", "a", "1", "--option", "cores", "2"]);
  assert.equal(seen?.file, fs.realpathSync(sb.p(".config/home-manager/home.nix")));
});

test("finding the configuration file", () => {
  const sb = box();
  const cfg = (extra: string[] = [], env: Record<string, string | undefined> = {}) => {
    let file: string | undefined;
    registerHomeEvaluator((o) => {
      file = o.file;
      return sb.config();
    });
    let stderr = "";
    const io = {
      stdout: () => {},
      stderr: (s: string) => void (stderr += s),
      readStdin: () => "",
      env: { ...sb.env, ...env },
      cwd: sb.root,
      evalIO: nodeIO,
      isTTY: false,
    };
    try {
      const code = cli(["build", "--no-out-link", ...extra], io);
      return { code, file, stderr };
    } finally {
      resetHomeEvaluator();
    }
  };
  assert.equal(cfg().file, sb.p(".config/home-manager/home.nix"));

  fs.writeFileSync(path.join(sb.root, "other.nix"), "{}");
  assert.equal(cfg(["-f", "other.nix"]).file, path.join(sb.root, "other.nix"));
  assert.equal(cfg([], { HOME_MANAGER_CONFIG: path.join(sb.root, "other.nix") }).file, path.join(sb.root, "other.nix"));
  assert.deepEqual(cfg(["-f", "missing.nix"]), { code: 1, file: undefined, stderr: "No configuration file found at missing.nix\n" });

  fs.rmSync(sb.p(".config/home-manager/home.nix"));
  assert.deepEqual(cfg(), {
    code: 1,
    file: undefined,
    stderr: `No configuration file found. Please create one at ${sb.p(".config/home-manager/home.nix")}\n`,
  });

  sb.write(".config/nixpkgs/home.nix", "{}");
  const old = cfg();
  assert.equal(old.file, sb.p(".config/nixpkgs/home.nix"));
  assert.equal(
    old.stderr,
    `Keeping your Home Manager home.nix in ${sb.p(".config/nixpkgs")} is deprecated,\nplease move it to ${sb.p(".config/home-manager")}\n`,
  );

  const xdg = path.join(sb.root, "xdg-config");
  fs.mkdirSync(path.join(xdg, "home-manager"), { recursive: true });
  fs.writeFileSync(path.join(xdg, "home-manager/home.nix"), "{}");
  assert.equal(cfg([], { XDG_CONFIG_HOME: xdg }).file, path.join(xdg, "home-manager/home.nix"));
});

test("an empty home.nix is evaluated, and the missing stateVersion is reported", () => {
  const sb = box();
  const r = sb.runChild(["switch"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "error: The option `home.stateVersion' was accessed but has no value defined. Try setting the option.\n");
  assert.equal(sb.exists(".local/state/home-manager"), false, "nothing was written");
});

test("build refuses a read-only working directory", () => {
  const sb = box();
  const ro = path.join(sb.root, "ro");
  fs.mkdirSync(ro, { mode: 0o555 });
  if (process.getuid?.() === 0) return; // root may write anywhere
  let stderr = "";
  registerHomeEvaluator(() => sb.config());
  try {
    const code = cli(["build"], {
      stdout: () => {},
      stderr: (s) => void (stderr += s),
      readStdin: () => "",
      env: sb.env,
      cwd: ro,
      evalIO: nodeIO,
      isTTY: false,
    });
    assert.equal(code, 1);
    assert.equal(stderr, "Cannot run build in read-only directory\n");
  } finally {
    resetHomeEvaluator();
  }
});

test("a configuration error is reported and nothing is activated", () => {
  const sb = box();
  const cycle = sb.config({
    activation: [
      { name: "a", data: "echo a", after: ["b"] },
      { name: "b", data: "echo b", after: ["a"] },
    ],
    builtinActivation: false,
  });
  const r = sb.run(["switch"], cycle);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'error: Dependency cycle in activation script: {"cycle":[{"after":["b"],"data":"echo a","name":"a"},{"after":["a"],"data":"echo b","name":"b"}],"loops":[{"after":["b"],"data":"echo a","name":"a"}]}\n',
  );
  const dup = sb.run(
    ["switch"],
    sb.withFiles([
      { target: ".a", text: "1" },
      { target: "./.a", text: "2" },
    ]),
  );
  assert.equal(dup.stderr, "error: Conflicting managed target files: .a\n");
  const clash = sb.run(["switch"], sb.config({ activation: [{ name: "linkGeneration", data: "" }] }));
  assert.equal(clash.code, 1);
  assert.match(clash.stderr, /home\.activation\.linkGeneration/);
  assert.equal(sb.currentGeneration(), undefined);
});
