/**
 * The bash functions our `runCommand` scripts start with: the part of
 * nixpkgs' stdenv and setup hooks that builders in configurations commonly
 * call. `runHook`, `die`, `substitute`/`substituteInPlace` (`--replace-fail`,
 * `--replace-warn`, `--replace-quiet`, `--replace`, `--subst-var`,
 * `--subst-var-by`), and makeWrapper's `makeWrapper`/`wrapProgram`
 * (`--set`, `--set-default`, `--unset`, `--run`, `--prefix`, `--suffix`,
 * `--prefix-each`, `--suffix-each`, `--add-flags`, `--append-flags`,
 * `--argv0`, `--inherit-argv0`, `--chdir`), writing wrappers in the shape
 * nixpkgs' shell makeWrapper writes (a `#! bash -e` script ending in
 * `exec -a "$0" '<wrapped>' <flags> "$@"`). Nix's `${` is written `§{`
 * below so the text can sit in a template literal.
 */
export const SHELL_PRELUDE = String.raw`
runHook() { local hook="$1"; shift; if [ -n "§{!hook-}" ]; then eval "§{!hook}"; fi; }
die() { echo "$*" >&2; exit 1; }
assertExecutable() {
  [[ -f "$1" && -x "$1" ]] || die "Cannot wrap '$1' because it is not an executable file"
}
substitute() {
  local input="$1" output="$2"; shift 2
  [[ -f "$input" ]] || die "substitute(): ERROR: file '$input' does not exist"
  local content; content="$(cat "$input"; printf x)"; content="§{content%x}"
  local from to mode
  while (( $# )); do
    case "$1" in
      --replace-fail|--replace-warn|--replace-quiet|--replace)
        mode="$1"; from="$2"; to="$3"; shift 3
        if [[ "$content" != *"$from"* ]]; then
          case "$mode" in
            --replace-fail) die "substituteStream() in derivation $name: ERROR: pattern $from doesn't match anything in file '$input'" ;;
            --replace-quiet) ;;
            *) echo "substituteStream() in derivation $name: WARNING: pattern $from doesn't match anything in file '$input'" >&2 ;;
          esac
        fi
        content="§{content//"$from"/"$to"}" ;;
      --subst-var)
        [[ -v "$2" ]] || die "substituteStream() in derivation $name: ERROR: variable \$$2 is unset"
        from="@$2@"; to="§{!2}"; shift 2
        content="§{content//"$from"/"$to"}" ;;
      --subst-var-by)
        from="@$2@"; to="$3"; shift 3
        content="§{content//"$from"/"$to"}" ;;
      *) die "substitute(): ERROR: invalid argument '$1'" ;;
    esac
  done
  printf '%s' "$content" > "$output.tmp-subst"
  mv "$output.tmp-subst" "$output"
}
substituteInPlace() { local f="$1"; shift; substitute "$f" "$f" "$@"; }
makeWrapper() {
  local original="$1" wrapper="$2"; shift 2
  local -a before=() after=()
  local argv0="" v
  assertExecutable "$original"
  mkdir -p "$(dirname "$wrapper")"
  {
    echo "#! $SHELL -e"
    while (( $# )); do
      case "$1" in
        --set) echo "export $2=§{3@Q}"; shift 3 ;;
        --set-default) echo "export $2=\§{$2-§{3@Q}}"; shift 3 ;;
        --unset) echo "unset $2"; shift 2 ;;
        --run) echo "$2"; shift 2 ;;
        --chdir) echo "cd §{2@Q}"; shift 2 ;;
        --prefix|--suffix)
          if [[ -n "$4" ]]; then
            if [[ "$1" == --suffix ]]; then echo "export $2=\§{$2:+\$$2§{3@Q}}§{4@Q}"
            else echo "export $2=§{4@Q}\§{$2:+§{3@Q}\$$2}"; fi
          fi
          shift 4 ;;
        --prefix-each|--suffix-each)
          for v in $4; do
            if [[ "$1" == --suffix-each ]]; then echo "export $2=\§{$2:+\$$2§{3@Q}}§{v@Q}"
            else echo "export $2=§{v@Q}\§{$2:+§{3@Q}\$$2}"; fi
          done
          shift 4 ;;
        --add-flags) before+=($2); shift 2 ;;
        --append-flags) after+=($2); shift 2 ;;
        --argv0) argv0="$2"; shift 2 ;;
        --inherit-argv0) argv0='$0'; shift ;;
        *) die "makeWrapper doesn't understand the arg §{1@Q}" ;;
      esac
    done
    echo exec §{argv0:+-a "\"$argv0\""} "§{original@Q}" "§{before[@]}" '"$@"' "§{after[@]}"
  } > "$wrapper"
  chmod +x "$wrapper"
}
wrapProgram() {
  local prog="$1" hidden
  assertExecutable "$prog"
  hidden="$(dirname "$prog")/.$(basename "$prog")-wrapped"
  while [ -e "$hidden" ]; do hidden="§{hidden}_"; done
  mv "$prog" "$hidden"
  makeWrapper "$hidden" "$prog" --inherit-argv0 "§{@:2}"
}
`.replaceAll("§{", "${");
