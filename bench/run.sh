#!/usr/bin/env bash
# Benchmark ferry against mc, rclone and the aws cli on one machine, all
# talking to the same `ferry serve` gateway on 127.0.0.1. Not run by CI.
#
#   bench/run.sh [RUNS]        (default 3 runs per tool and scenario)
#
# Scenarios: upload and download of one 1 GiB random file; upload and
# download of 1,000 × 64 KiB files; recursive listing of 100,000 keys.
# Tools take turns run by run (ferry mc rclone aws ferry mc ...), every
# result is checked (sha256 or counts), and the table of medians is
# printed at the end and kept in bench/out/. Peers run with their default
# settings; see bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
# shellcheck source=bench/common.sh
source bench/common.sh

# --- data ----------------------------------------------------------------
log "making test data in $WORK"
"${AWS[@]}" s3 mb s3://bench >/dev/null
mkdir -p "$WORK/src/small" "$WORK/dl"
head -c 1G /dev/urandom >"$WORK/src/big.bin"
BIG_SHA=$(sha256sum <"$WORK/src/big.bin" | cut -d' ' -f1)
for i in $(seq -w 0 999); do head -c 65536 /dev/urandom >"$WORK/src/small/f$i.bin"; done
SMALL_SHA=$(cd "$WORK/src/small" && cat $(ls | sort) | sha256sum | cut -d' ' -f1)
"${FERRY[@]}" cp -q "$WORK/src/big.bin" s3://bench/src/big.bin
"${FERRY[@]}" cp -q -r "$WORK/src/small" s3://bench/src/
# 100,000 keys: the posix backend stores each key as a file, so they are
# made on disk directly (100 folders of 1,000 empty objects).
for d in $(seq -w 0 99); do mkdir -p "$WORK/data/bench/list/d$d"; (cd "$WORK/data/bench/list/d$d" && touch $(seq -f 'k%04g' 0 999)); done

RESULTS=$OUT/results.csv
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "scenario,tool,run,seconds,rss_kib,amount,client_cpu,server_cpu" >"$RESULTS"

check_sha() { # FILE WANT
  local got; got=$(sha256sum <"$1" | cut -d' ' -f1)
  [ "$got" = "$2" ] || { log "sha256 mismatch for $1"; exit 1; }
}
check_small() { # DIR
  local n; n=$(find "$1" -type f | wc -l)
  [ "$n" = 1000 ] || { log "$1 has $n files, want 1000"; exit 1; }
  local got; got=$(cd "$1" && cat $(ls | sort) | sha256sum | cut -d' ' -f1)
  [ "$got" = "$SMALL_SHA" ] || { log "small files differ in $1"; exit 1; }
}
count_remote() { # PREFIX → number of keys
  "${FERRY[@]}" ls -r "s3://bench/$1" | wc -l
}

TOOLS=(ferry mc rclone aws)
BIG=$((1 << 30))

up_large() { # TOOL RUN
  local k=up/$1-$2.bin
  case $1 in
    ferry) timed up-large ferry "$2" $BIG -- "${FERRY[@]}" cp -q "$WORK/src/big.bin" "s3://bench/$k" ;;
    mc) timed up-large mc "$2" $BIG -- "$BIN/mc" --quiet cp "$WORK/src/big.bin" "bench/bench/$k" ;;
    rclone) timed up-large rclone "$2" $BIG -- "$BIN/rclone" copyto "$WORK/src/big.bin" "bench:bench/$k" ;;
    aws) timed up-large aws "$2" $BIG -- "${AWS[@]}" s3 cp --only-show-errors "$WORK/src/big.bin" "s3://bench/$k" ;;
    raw) timed up-large raw "$2" $BIG -- "$BIN/benchtool" raw put -endpoint "$EP" -bucket bench -key "$k" -file "$WORK/src/big.bin" ;;
  esac
  "${FERRY[@]}" cp -q "s3://bench/$k" "$WORK/dl/check.bin"
  check_sha "$WORK/dl/check.bin" "$BIG_SHA"
  rm -f "$WORK/dl/check.bin"; "${FERRY[@]}" rm -q "s3://bench/$k"
}

down_large() { # TOOL RUN
  local f=$WORK/dl/$1-$2.bin
  case $1 in
    ferry) timed down-large ferry "$2" $BIG -- "${FERRY[@]}" cp -q s3://bench/src/big.bin "$f" ;;
    mc) timed down-large mc "$2" $BIG -- "$BIN/mc" --quiet cp bench/bench/src/big.bin "$f" ;;
    rclone) timed down-large rclone "$2" $BIG -- "$BIN/rclone" copyto bench:bench/src/big.bin "$f" ;;
    aws) timed down-large aws "$2" $BIG -- "${AWS[@]}" s3 cp --only-show-errors s3://bench/src/big.bin "$f" ;;
    raw) timed down-large raw "$2" $BIG -- "$BIN/benchtool" raw get -endpoint "$EP" -bucket bench -key src/big.bin -file "$f" ;;
  esac
  check_sha "$f" "$BIG_SHA"; rm -f "$f"
}

up_small() { # TOOL RUN
  local p=su/$1-$2
  case $1 in
    ferry) timed up-small ferry "$2" 1000 -- "${FERRY[@]}" cp -q -r "$WORK/src/small" "s3://bench/$p/" ;;
    mc) timed up-small mc "$2" 1000 -- "$BIN/mc" --quiet cp -r "$WORK/src/small" "bench/bench/$p/" ;;
    rclone) timed up-small rclone "$2" 1000 -- "$BIN/rclone" copy "$WORK/src/small" "bench:bench/$p/small" ;;
    aws) timed up-small aws "$2" 1000 -- "${AWS[@]}" s3 cp --only-show-errors --recursive "$WORK/src/small" "s3://bench/$p/small/" ;;
  esac
  local n; n=$(count_remote "$p/small/")
  [ "$n" = 1000 ] || { log "$1 uploaded $n small files, want 1000"; exit 1; }
  "${FERRY[@]}" cp -q -r "s3://bench/$p/small/" "$WORK/dl/check/"
  check_small "$WORK/dl/check/small"; rm -rf "$WORK/dl/check"
  "${FERRY[@]}" rm -q -r "s3://bench/$p/"
}

down_small() { # TOOL RUN
  local d=$WORK/dl/$1-$2
  mkdir -p "$d"
  case $1 in
    ferry) timed down-small ferry "$2" 1000 -- "${FERRY[@]}" cp -q -r s3://bench/src/small/ "$d/" ;;
    mc) timed down-small mc "$2" 1000 -- "$BIN/mc" --quiet cp -r bench/bench/src/small "$d/" ;;
    rclone) timed down-small rclone "$2" 1000 -- "$BIN/rclone" copy bench:bench/src/small "$d/small" ;;
    aws) timed down-small aws "$2" 1000 -- "${AWS[@]}" s3 cp --only-show-errors --recursive s3://bench/src/small/ "$d/small/" ;;
  esac
  check_small "$d/small"; rm -rf "$d"
}

list_keys() { # TOOL RUN
  local out=$WORK/cmd.out
  case $1 in
    ferry) timed list ferry "$2" 100000 -- "${FERRY[@]}" ls -r s3://bench/list/ ;;
    mc) timed list mc "$2" 100000 -- "$BIN/mc" ls -r bench/bench/list/ ;;
    rclone) timed list rclone "$2" 100000 -- "$BIN/rclone" lsf -R --files-only bench:bench/list ;;
    aws) timed list aws "$2" 100000 -- "${AWS[@]}" s3 ls --recursive s3://bench/list/ ;;
  esac
  local n; n=$(wc -l <"$out")
  [ "$n" = 100000 ] || { log "$1 listed $n keys, want 100000"; exit 1; }
}

SCEN=${SCENARIOS:-"up_large down_large up_small down_small list_keys"}
for scenario in $SCEN; do
  log "$scenario"
  for run in $(seq "$RUNS"); do
    tools=("${TOOLS[@]}")
    case $scenario in up_large|down_large) tools+=(raw) ;; esac
    for tool in "${tools[@]}"; do "$scenario" "$tool" "$run"; done
  done
done

{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr), $(go version | cut -d' ' -f3-)"
  echo "Peers: mc $("$BIN/mc" --version 2>/dev/null | head -1 | cut -d' ' -f3-), $("$BIN/rclone" version | head -1), $(/usr/bin/aws --version)"
  echo "Runs per tool and scenario: $RUNS; load average at start: $LOAD0; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  "$BIN/benchtool" table "$RESULTS"
} | tee "$OUT/table.md"
