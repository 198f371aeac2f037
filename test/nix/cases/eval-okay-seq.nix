builtins.seq 1 (builtins.deepSeq [ 1 2 ] "done")
