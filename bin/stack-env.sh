# Sourced by bin/*: give Node a deep JS stack so that Nix code may recurse as deep
# as it does under Nix. The soft stack limit is raised where the hard limit
# allows (the main thread's stack grows on demand up to it), and V8 is told to
# use three quarters of whatever limit is in force.
ulimit -s 262144 2>/dev/null || true
case "$(ulimit -s)" in
  unlimited) HM_STACK_KB=196608 ;;
  *) HM_STACK_KB=$(( $(ulimit -s) * 3 / 4 )) ;;
esac
