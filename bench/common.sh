# Shared by the benchmark scripts (sourced, not run): builds the peers and
# ferry, starts `ferry serve` on 127.0.0.1 over a temp dir ($WORK, removed
# on exit), points mc, rclone and the aws cli at it, and defines timed.
# Needs RESULTS (the CSV file timed appends to) set before timed runs.
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

