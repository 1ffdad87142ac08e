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
ROOT=$PWD
BIN=$ROOT/bench/.bin
OUT=$ROOT/bench/out
mkdir -p "$BIN" "$OUT"

log() { printf '==> %s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------
install_peers() {
  if [ ! -x "$BIN/mc" ]; then
    log "building mc (takes minutes)"; GOBIN=$BIN go install github.com/minio/mc@latest
  fi
  if [ ! -x "$BIN/rclone" ]; then
    log "building rclone (takes minutes)"; GOBIN=$BIN go install github.com/rclone/rclone@v1.76.0
  fi
  if [ ! -x /usr/bin/aws ]; then
    log "installing the aws cli"; apt-get install -y awscli >/dev/null
  fi
  [ -x /usr/bin/time ] || apt-get install -y time >/dev/null
}
install_peers
log "building ferry and benchtool"
go build -o "$BIN/ferry" .
go build -o "$BIN/benchtool" ./bench/benchtool

# --- the gateway ---------------------------------------------------------
WORK=$(mktemp -d /tmp/ferry-bench.XXXXXX)
PORT=${PORT:-17999}
EP=http://127.0.0.1:$PORT
export AWS_ACCESS_KEY_ID=BENCHACCESSKEY000000 AWS_SECRET_ACCESS_KEY=benchsecretbenchsecretbenchsecret0000000
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
"$BIN/ferry" serve --dir "$WORK/data" --meta-dir "$WORK/meta" --addr 127.0.0.1:$PORT >"$WORK/serve.log" 2>&1 &
SERVE=$!
cleanup() { kill "$SERVE" 2>/dev/null || true; wait "$SERVE" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 50); do grep -q endpoint "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done

FERRY=("$BIN/ferry" --endpoint-url "$EP")
export MC_CONFIG_DIR=$WORK/mc
"$BIN/mc" alias set bench "$EP" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" --api s3v4 --path on >/dev/null
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT=$EP \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY \
  RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true RCLONE_CONFIG=/dev/null
export AWS_CONFIG_FILE=$WORK/aws-config AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
printf '[default]\ns3 =\n  addressing_style = path\n' >"$AWS_CONFIG_FILE"
AWS=(/usr/bin/aws --endpoint-url "$EP")
export XDG_STATE_HOME=$WORK/state

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

# server_cpu: CPU seconds the gateway has used so far.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' "/proc/$SERVE/stat"; }

# timed SCENARIO TOOL RUN AMOUNT -- command...: runs it under /usr/bin/time
# and records wall time, peak RSS, and the CPU time of the tool and of
# the gateway (the machine is shared, so CPU time is the steadier measure).
timed() {
  local scenario=$1 tool=$2 run=$3 amount=$4; shift 5
  local tf=$WORK/time.out s0 s1
  s0=$(server_cpu)
  if ! /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$WORK/cmd.out" 2>"$WORK/cmd.err"; then
    log "FAILED: $scenario $tool run $run: $*"; cat "$WORK/cmd.err" >&2; exit 1
  fi
  s1=$(server_cpu)
  read -r secs rss user sys <"$tf"
  local ccpu scpu
  ccpu=$(awk "BEGIN {printf \"%.2f\", $user + $sys}")
  scpu=$(awk "BEGIN {printf \"%.2f\", $s1 - $s0}")
  echo "$scenario,$tool,$run,$secs,$rss,$amount,$ccpu,$scpu" >>"$RESULTS"
  printf '    %-10s %-7s run %s: %6.2fs  %6s KiB  cpu %s + server %s\n' "$scenario" "$tool" "$run" "$secs" "$rss" "$ccpu" "$scpu" >&2
}

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
