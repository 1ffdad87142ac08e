#!/usr/bin/env bash
# Benchmark copies between two stores (issue 16): ferry cp between two
# named connections (streamed over presigned URLs, nothing on disk)
# against rclone copy between two remotes (it streams too), and against
# mc doing it in two steps (mc cp from A to a local temp dir, then mc cp
# to B, timed together: mc has no copy between two aliases that does not
# go through the client's disk). Two `ferry serve` gateways on 127.0.0.1
# with different keys. Not run by CI.
#
#   bench/xconn.sh [RUNS]      (default 3 runs per tool and scenario)
#
# Scenarios: one 1 GiB random file; 1,000 × 64 KiB files. Every copy is
# checked by sha256 of what the destination gateway stored. Results (wall
# time, peak RSS, CPU of the tool and of both gateways) go to
# bench/out/xconn.csv and a table of medians to bench/out/xconn.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
ROOT=$PWD
BIN=$ROOT/bench/.bin
OUT=$ROOT/bench/out
mkdir -p "$BIN" "$OUT"
log() { printf '==> %s\n' "$*" >&2; }
RCLONE=${RCLONE:-$BIN/rclone} # bench/run.sh builds it
[ -x "$RCLONE" ] || { log "$RCLONE is missing (bench/run.sh builds it; or set RCLONE)"; exit 1; }
MC=${MC:-$BIN/mc} # bench/run.sh builds it too
TOOLS=(ferry rclone mc)
if [ ! -x "$MC" ]; then
  log "$MC is missing (bench/run.sh builds it; or set MC): no mc row"
  TOOLS=(ferry rclone)
fi
go build -o "$BIN/ferry" .
go build -o "$BIN/benchtool" ./bench/benchtool

WORK=$(mktemp -d /tmp/ferry-xconn.XXXXXX)
KEY_A=XCONNACCESSKEYA00000 SECRET_A=xconnsecretaxconnsecretaxconnsecreta000
KEY_B=XCONNACCESSKEYB00000 SECRET_B=xconnsecretbxconnsecretbxconnsecretb000
PIDS=()
serve() { # NAME PORT KEY SECRET
  mkdir -p "$WORK/$1"
  AWS_ACCESS_KEY_ID=$3 AWS_SECRET_ACCESS_KEY=$4 AWS_REGION=us-east-1 \
    "$BIN/ferry" serve --dir "$WORK/$1/data" --meta-dir "$WORK/$1/meta" --addr "127.0.0.1:$2" >"$WORK/$1/serve.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do grep -q endpoint "$WORK/$1/serve.log" 2>/dev/null && break; sleep 0.1; done
}
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
serve a "${PORT_A:-17991}" "$KEY_A" "$SECRET_A"
serve b "${PORT_B:-17992}" "$KEY_B" "$SECRET_B"
EP_A=http://127.0.0.1:${PORT_A:-17991} EP_B=http://127.0.0.1:${PORT_B:-17992}

# Two AWS profiles are ferry's connections a: and b:; rclone gets the
# same as two remotes.
export AWS_CONFIG_FILE=$WORK/aws-config AWS_SHARED_CREDENTIALS_FILE=$WORK/aws-credentials
printf '[profile a]\nregion = us-east-1\nendpoint_url = %s\n\n[profile b]\nregion = us-east-1\nendpoint_url = %s\n' "$EP_A" "$EP_B" >"$AWS_CONFIG_FILE"
printf '[a]\naws_access_key_id = %s\naws_secret_access_key = %s\n\n[b]\naws_access_key_id = %s\naws_secret_access_key = %s\n' \
  "$KEY_A" "$SECRET_A" "$KEY_B" "$SECRET_B" >"$AWS_SHARED_CREDENTIALS_FILE"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_PROFILE
export XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config RCLONE_CONFIG=/dev/null
for r in A B; do
  ep=EP_$r key=KEY_$r secret=SECRET_$r
  export "RCLONE_CONFIG_${r}_TYPE=s3" "RCLONE_CONFIG_${r}_PROVIDER=Other" "RCLONE_CONFIG_${r}_ENDPOINT=${!ep}" \
    "RCLONE_CONFIG_${r}_ACCESS_KEY_ID=${!key}" "RCLONE_CONFIG_${r}_SECRET_ACCESS_KEY=${!secret}" "RCLONE_CONFIG_${r}_FORCE_PATH_STYLE=true"
done

export MC_CONFIG_DIR=$WORK/mc
if [ -x "$MC" ]; then
  "$MC" alias set A "$EP_A" "$KEY_A" "$SECRET_A" --api s3v4 --path on >/dev/null
  "$MC" alias set B "$EP_B" "$KEY_B" "$SECRET_B" --api s3v4 --path on >/dev/null
fi
TMP=$WORK/mc-tmp # mc's stop on the client's disk between the two stores

log "making test data in $WORK"
FERRY=("$BIN/ferry")
"$RCLONE" mkdir A:bench; "$RCLONE" mkdir B:bench # buckets made through the gateways, with their metadata
"${FERRY[@]}" ls a:s3://bench/ >/dev/null # the connections resolve
mkdir -p "$WORK/src/small"
head -c 1G /dev/urandom >"$WORK/src/big.bin"
BIG_SHA=$(sha256sum <"$WORK/src/big.bin" | cut -d' ' -f1)
for i in $(seq -w 0 999); do head -c 65536 /dev/urandom >"$WORK/src/small/f$i.bin"; done
SMALL_SHA=$(cd "$WORK/src/small" && cat $(ls | sort) | sha256sum | cut -d' ' -f1)
"${FERRY[@]}" cp -q "$WORK/src/big.bin" a:s3://bench/src/big.bin
"${FERRY[@]}" cp -q -r "$WORK/src/small" a:s3://bench/src/
rm -rf "$WORK/src" # nothing below is read from disk

RESULTS=$OUT/xconn.csv
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "scenario,tool,run,seconds,rss_kib,amount,client_cpu,server_cpu" >"$RESULTS"
server_cpu() { # both gateways
  local hz t=0; hz=$(getconf CLK_TCK)
  for p in "${PIDS[@]}"; do t=$(awk -v hz="$hz" -v t="$t" '{printf "%.2f", t + ($14+$15)/hz}' "/proc/$p/stat"); done
  echo "$t"
}
timed() { # SCENARIO TOOL RUN AMOUNT -- command...
  local scenario=$1 tool=$2 run=$3 amount=$4; shift 5
  local tf=$WORK/time.out s0 s1 secs rss user sys
  s0=$(server_cpu)
  if ! /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$WORK/cmd.out" 2>"$WORK/cmd.err"; then
    log "FAILED: $scenario $tool run $run: $*"; cat "$WORK/cmd.err" >&2; exit 1
  fi
  s1=$(server_cpu)
  read -r secs rss user sys <"$tf"
  echo "$scenario,$tool,$run,$secs,$rss,$amount,$(awk "BEGIN {printf \"%.2f\", $user + $sys}"),$(awk "BEGIN {printf \"%.2f\", $s1 - $s0}")" >>"$RESULTS"
  printf '    %-11s %-7s run %s: %6.2fs  %7s KiB\n' "$scenario" "$tool" "$run" "$secs" "$rss" >&2
}
stored() { echo "$WORK/b/data/bench/$1"; } # where gateway b keeps a key

copy_large() { # TOOL RUN
  local k=dst/$1-$2.bin
  case $1 in
    ferry) timed copy-large ferry "$2" $((1 << 30)) -- "${FERRY[@]}" cp -q a:s3://bench/src/big.bin "b:s3://bench/$k" ;;
    rclone) timed copy-large rclone "$2" $((1 << 30)) -- "$RCLONE" copyto A:bench/src/big.bin "B:bench/$k" ;;
    mc) mkdir -p "$TMP"
      timed copy-large mc "$2" $((1 << 30)) -- bash -c '"$0" --quiet cp A/bench/src/big.bin "$1" >/dev/null && "$0" --quiet cp "$1" "B/bench/$2"' \
        "$MC" "$TMP/big.bin" "$k"
      rm -rf "$TMP" ;;
  esac
  [ "$(sha256sum <"$(stored "$k")" | cut -d' ' -f1)" = "$BIG_SHA" ] || { log "$1: the copy differs"; exit 1; }
  "${FERRY[@]}" rm -q "b:s3://bench/$k"
}
copy_small() { # TOOL RUN
  local p=s-$1-$2
  case $1 in
    ferry) timed copy-small ferry "$2" 1000 -- "${FERRY[@]}" cp -q -r a:s3://bench/src/small/ "b:s3://bench/$p/" ;;
    rclone) timed copy-small rclone "$2" 1000 -- "$RCLONE" copy A:bench/src/small "B:bench/$p/small" ;;
    mc) mkdir -p "$TMP"
      timed copy-small mc "$2" 1000 -- bash -c '"$0" --quiet cp -r A/bench/src/small "$1/" >/dev/null && "$0" --quiet cp -r "$1/small" "B/bench/$2/"' \
        "$MC" "$TMP" "$p"
      rm -rf "$TMP" ;;
  esac
  local got; got=$(cd "$(stored "$p/small")" && cat $(ls | sort) | sha256sum | cut -d' ' -f1)
  [ "$got" = "$SMALL_SHA" ] || { log "$1: the small files differ"; exit 1; }
  "${FERRY[@]}" rm -q -r "b:s3://bench/$p/"
}

for scenario in ${SCENARIOS:-copy_large copy_small}; do
  log "$scenario"
  for run in $(seq "$RUNS"); do
    for tool in "${TOOLS[@]}"; do "$scenario" "$tool" "$run"; done
  done
done
{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr), $(go version | cut -d' ' -f3-)"
  echo "Peers: $("$RCLONE" version | head -1)$([ -x "$MC" ] && echo ", mc $("$MC" --version 2>/dev/null | head -1 | cut -d' ' -f3-) (download to $TMP, then upload)")"
  echo "Runs per tool and scenario: $RUNS; load average at start: $LOAD0; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  "$BIN/benchtool" table "$RESULTS"
} | tee "$OUT/xconn.md"
