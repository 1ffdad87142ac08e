#!/usr/bin/env bash
# Benchmark `ferry sync` against `aws s3 sync`, `mc mirror --overwrite`,
# `rclone sync` and `rclone sync --checksum`, all talking to the same
# `ferry serve` gateway on 127.0.0.1. Not run by CI.
#
#   bench/sync.sh [RUNS]        (default 3)
#
# Scenarios (SCENARIOS="noop changed million" by default):
#   noop     10,000 files in nested folders, already in step: the time to
#            decide there is nothing to do (each tool's own second run on
#            the prefix it uploaded itself; ferry with a warm hash cache).
#   changed  the same tree with 1% of the files rewritten (same size, other
#            bytes, modification time put back as a restore from a backup
#            or an mtime-keeping tool leaves it) and 1% new: time, and how
#            many files differ between the folder and the prefix after the
#            run (checked by downloading the prefix and comparing bytes).
#   million  ferry only: two prefixes of 1,000,000 keys compared
#            (--dry-run --size-only): time and peak RSS.
# Results go to bench/out/sync.csv and a table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
# shellcheck source=bench/common.sh
source bench/common.sh

RESULTS=$OUT/sync.csv
LEFT=$OUT/sync-left.csv
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "scenario,tool,run,seconds,rss_kib,amount,client_cpu,server_cpu" >"$RESULTS"
echo "tool,run,files_left_different" >"$LEFT"
export XDG_CACHE_HOME=$WORK/cache
SYNC_TOOLS=(ferry aws mc rclone rclone-c)

# --- data ----------------------------------------------------------------
log "making 10,000 files in $WORK/src/tree"
"${AWS[@]}" s3 mb s3://bench >/dev/null
TREE=$WORK/src/tree
for a in $(seq -w 0 9); do
  for b in $(seq -w 0 9); do
    d=$TREE/p$a/q$b; mkdir -p "$d"
    head -c $((100 * 4096)) /dev/urandom | split -b 4096 -a 2 -d - "$d/f"
  done
done
[ "$(find "$TREE" -type f | wc -l)" = 10000 ] || { log "want 10,000 files"; exit 1; }

# sync_to TOOL SCENARIO RUN: one sync of the tree to the tool's prefix.
sync_to() {
  local tool=$1 scenario=$2 run=$3 p=t/$1
  case $tool in
    ferry) timed "$scenario" ferry "$run" 10000 -- "${FERRY[@]}" sync -q "$TREE" "s3://bench/$p/" ;;
    aws) timed "$scenario" aws "$run" 10000 -- "${AWS[@]}" s3 sync --only-show-errors "$TREE" "s3://bench/$p/" ;;
    mc) timed "$scenario" mc "$run" 10000 -- "$BIN/mc" --quiet mirror --overwrite "$TREE" "bench/bench/$p" ;;
    rclone) timed "$scenario" rclone "$run" 10000 -- "$BIN/rclone" sync "$TREE" "bench:bench/$p" ;;
    rclone-c) timed "$scenario" rclone-c "$run" 10000 -- "$BIN/rclone" sync --checksum "$TREE" "bench:bench/$p" ;;
  esac
}

# left_different TOOL RUN: files that differ between the tree and the
# tool's prefix (missing, extra or other bytes), by a fresh download.
left_different() {
  local chk=$WORK/chk/$1
  rm -rf "$chk"; mkdir -p "$chk"
  "${FERRY[@]}" cp -q -r "s3://bench/t/$1/" "$chk/"
  local n; n=$(diff -rq "$TREE" "$chk/$1" | wc -l || true)
  echo "$1,$2,$n" >>"$LEFT"
  log "    $1 run $2: $n files left different"
  rm -rf "$chk"
}

# change_tree RUN: rewrites 1% of the files (same size, mtime kept) and
# adds 1% new ones.
change_tree() {
  local run=$1 n=0 f
  while IFS= read -r f; do
    touch -r "$f" "$WORK/mtime.ref"
    head -c 4096 /dev/urandom >"$f"
    touch -r "$WORK/mtime.ref" "$f"
    n=$((n + 1))
  done < <(find "$TREE" -type f -name "f$(printf '%02d' $((run * 7 % 100)))" | sort)
  mkdir -p "$TREE/new$run"
  head -c $((n * 4096)) /dev/urandom | split -b 4096 -a 3 -d - "$TREE/new$run/n"
  log "run $run: $n files rewritten, $n new"
}

scenario_noop() {
  log "first sync of each tool to its own prefix"
  for tool in "${SYNC_TOOLS[@]}"; do sync_to "$tool" first 1; done
  log "ferry's first run with nothing to do reads every file once (cold hash cache)"
  sync_to ferry noop-cold 1
  for run in $(seq "$RUNS"); do
    for tool in "${SYNC_TOOLS[@]}"; do sync_to "$tool" noop "$run"; done
  done
}

scenario_changed() {
  for run in $(seq "$RUNS"); do
    change_tree "$run"
    for tool in "${SYNC_TOOLS[@]}"; do
      sync_to "$tool" changed "$run"
      left_different "$tool" "$run"
    done
  done
}

scenario_million() {
  log "making 2 × 1,000,000 keys on the gateway's disk"
  local m
  for m in m1 m2; do
    for d in $(seq -w 0 999); do
      mkdir -p "$WORK/data/bench/$m/d$d"
      (cd "$WORK/data/bench/$m/d$d" && touch $(seq -f 'k%04g' 0 999))
    done
  done
  for run in $(seq "$RUNS"); do
    timed million ferry "$run" 2000000 -- "${FERRY[@]}" sync -q --dry-run --size-only s3://bench/m1/ s3://bench/m2/
  done
}

for s in ${SCENARIOS:-noop changed million}; do "scenario_$s"; done

{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr), $(go version | cut -d' ' -f3-)"
  echo "Peers: $("$BIN/rclone" version | head -1), $(/usr/bin/aws --version), mc $("$BIN/mc" --version 2>/dev/null | head -1 | cut -d' ' -f3-)"
  echo "Runs: $RUNS; load average at start: $LOAD0; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  "$BIN/benchtool" synctable "$RESULTS" "$LEFT"
} | tee "$OUT/sync-table.md"
