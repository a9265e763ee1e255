#!/bin/sh
# Throwaway: the epoch at 1 thread (bench/tmp/epoch1.mts), alternating a baseline tree ($BASE, e.g. main extracted
# with git archive) and this worktree, ROUNDS times; prints each run's epochs (wall, CPU, weights digest).
BASE=${BASE:-/tmp/basefit}; ROUNDS=${ROUNDS:-3}; here=$(cd "$(dirname "$0")/../.." && pwd)
for r in $(seq 1 $ROUNDS); do
  for t in "$BASE" "$here"; do
    echo "== $t (load $(cut -d' ' -f1 /proc/loadavg))"; (cd "$t" && EPOCHS=${EPOCHS:-3} node --import tsx bench/tmp/epoch1.mts 2>&1 | grep epoch)
  done
done
