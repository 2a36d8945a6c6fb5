#!/usr/bin/env bash
#
# VM hosting benchmark: hub→spoke operation round trips and VM creates across two spokes.
#
#   benchmarks/vm-ops.sh [STOA_TARBALL]
#
# Unpacks two copies of the distribution under a temporary directory: "hub" (hub and its local spoke
# in one process) and "spoke2" (a spoke only, STOA_HUB_ENABLED=false, registered with spoke:add).
# Both spokes talk to libvirt's test driver on the host described by benchmarks/vm/testnode.xml
# (256 GiB, pool bench-pool, network default): each process gets its own in-memory copy of it.
# Then it measures, one step after the other:
#   1. creates, sequential: SEQ_CREATES (10) `bin/stoa vm:create` one after another against the hub;
#   2. creates, parallel: N_CREATES (40) `bin/stoa vm:create` from WORKERS (4) shell loops at once;
#      creates per second over the wall time, per-create end-to-end time, and how the VMs split
#      across the two spokes (from the commands' output and from the hub's database);
#   3. the spoke API as the hub calls it, with curl, on one running VM of each spoke:
#      GET /spoke/vms/<id> (HTTP + libvirt) and POST /spoke/heartbeat (HTTP, no domain lookup),
#      RT_REQUESTS (500) each after WARMUP (50), once over one kept-alive connection (as the hub's
#      java.net.http client does) and once with a new curl process and connection per request;
#      p50/p90/p99/max of curl's %{time_total};
#   4. the same operation end to end for an operator: E2E_RUNS (20) `bin/stoa vm:get <id>` per spoke
#      (SSH client start, hub, spoke, libvirt, database update), against `bin/stoa shell:echo hi`;
#   5. consistency: vm:check, and the VMs each spoke's libvirt holds against the hub's database.
#
# Environment: N_CREATES (40), WORKERS (4), SEQ_CREATES (10), RT_REQUESTS (500), WARMUP (50),
#   E2E_RUNS (20), READY_TIMEOUT seconds per start (300), PORT_SHIFT added to every port (0),
#   LIBVIRT_URI (test:///<repo>/benchmarks/vm/testnode.xml) and POOL (bench-pool): with
#   LIBVIRT_URI=test:///default POOL=default-pool each spoke holds only two f1-xs, so lower N_CREATES;
#   RESULTS_DIR (benchmarks/results), KEEP_WORK=1 keeps the temporary directory (servers stopped).
# Ports (loopback): hub SSH 10101, HTTP 10181, RMI 11099/45444; spoke2 SSH 10201, HTTP 10281,
#   RMI 11199/45544 (plus PORT_SHIFT).
# The table goes to stdout and to RESULTS_DIR/vm-ops-<date>.md; progress goes to stderr.
# The script builds nothing: run `mvn -B -q install -DskipTests` first.
#
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
# The one archive the last build left, whatever version it was.
STOA_TARBALL=${1:-$( (ls "$SCRIPT_DIR"/../karaf-distribution/target/stoa-distribution-*.tar.gz 2>/dev/null || echo "$SCRIPT_DIR/../karaf-distribution/target/stoa-distribution-VERSION.tar.gz") | head -n 1)}
N_CREATES=${N_CREATES:-40}
WORKERS=${WORKERS:-4}
SEQ_CREATES=${SEQ_CREATES:-10}
RT_REQUESTS=${RT_REQUESTS:-500}
WARMUP=${WARMUP:-50}
E2E_RUNS=${E2E_RUNS:-20}
READY_TIMEOUT=${READY_TIMEOUT:-300}
PORT_SHIFT=${PORT_SHIFT:-0}
LIBVIRT_URI=${LIBVIRT_URI:-test://$SCRIPT_DIR/vm/testnode.xml}
POOL=${POOL:-bench-pool}
RESULTS_DIR=${RESULTS_DIR:-$SCRIPT_DIR/results}
EMAIL=bench@example.org
KEY="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl bench@laptop"

# Settings inherited from the caller's shell must not leak into the servers.
unset KARAF_HOME KARAF_BASE KARAF_DATA KARAF_ETC KARAF_LOG KARAF_OPTS KARAF_NOROOT KARAF_DEBUG \
    KARAF_REDIRECT EXTRA_JAVA_OPTS JAVA_OPTS JAVA_MIN_MEM JAVA_MAX_MEM JAVA_PERM_MEM JAVA_MAX_PERM_MEM \
    STOA_MAX_HEAP JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS STOA_HUB_ENABLED STOA_SPOKE_ENABLED STOA_LIBVIRT_URI || true

source "$SCRIPT_DIR/lib/instances.sh"

[ -f "$STOA_TARBALL" ] || die "missing $STOA_TARBALL (mvn -B -q install -DskipTests)"
for v in N_CREATES WORKERS SEQ_CREATES RT_REQUESTS E2E_RUNS; do
    [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer"
done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a whole number"
[[ "$PORT_SHIFT" =~ ^[0-9]+$ ]] || die "PORT_SHIFT must be a whole number"
(( WORKERS <= N_CREATES )) || die "WORKERS must not exceed N_CREATES"
command -v curl >/dev/null || die "curl is needed"
command -v java >/dev/null || [ -n "${JAVA_HOME:-}" ] || die "no java on PATH and no JAVA_HOME"
JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}java
case "$LIBVIRT_URI" in
    test:///default) ;;
    test:///*) [ -f "${LIBVIRT_URI#test://}" ] || die "no test driver host file ${LIBVIRT_URI#test://}" ;;
esac

use_work stoa-bench-vm

# --- setting up ------------------------------------------------------------------------------------

# unpack NAME SSH HTTP RMI_REGISTRY RMI_SERVER -> prints the copy's directory
unpack() {
    local dir="$WORK/$1" p
    mkdir -p "$dir"; chmod 755 "$dir"
    tar xzf "$STOA_TGZ" -C "$dir" --strip-components=1
    for p in "$2" "$3" "$4" "$5"; do port_free "$p" || die "port $p is already in use; set PORT_SHIFT"; done
    set_prop "$dir/etc/org.apache.karaf.shell.cfg" sshPort "$2"
    set_prop "$dir/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$3"
    set_prop "$dir/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$4"
    set_prop "$dir/etc/org.apache.karaf.management.cfg" rmiServerPort "$5"
    set_prop "$dir/etc/org.stoa.spoke.cfg" pool "$POOL"
    set_prop "$dir/etc/org.stoa.spoke.cfg" reserved_memory_mb 0
    set_prop "$dir/etc/org.stoa.spoke.cfg" spoke_url "http://127.0.0.1:$3"
    echo "$dir"
}

# stoa DIR ARGS...: one bin/stoa call, bounded, no input; output on stdout, its exit status returned
stoa() { local dir=$1; shift; (cd "$dir" && timeout 120 bin/stoa "$@" </dev/null 2>&1); }

# await DIR REGEX ARGS...: until `bin/stoa ARGS` exits 0 and its output matches REGEX (extended, per line)
await() {
    local dir=$1 re=$2 t0 out; shift 2
    t0=$(now_ms)
    while :; do
        if out=$(stoa "$dir" "$@") && grep -qE "$re" <<<"$out"; then return 0; fi
        if (( $(now_ms) - t0 > READY_TIMEOUT * 1000 )); then
            log "last answer of bin/stoa $*: $out"
            tail -n 40 "$dir/data/log/karaf.log" >&2 2>/dev/null || true
            die "$dir: bin/stoa $* not as expected after ${READY_TIMEOUT}s"
        fi
        sleep 1
    done
}

start() { # DIR [ENV=VALUE...]
    local dir=$1; shift
    STARTED_DIRS+=("$dir")
    (cd "$dir" && env STOA_LIBVIRT_URI="$LIBVIRT_URI" "$@" bin/start) >/dev/null 2>&1 </dev/null || die "bin/start failed in $dir"
}

# --- statistics ----------------------------------------------------------------------------------------

# stats FILE (one number a line, milliseconds) -> "n p50 p90 p99 max mean", nearest-rank percentiles
stats() {
    sort -g "$1" | awk '{a[NR]=$1; s+=$1}
        function pct(q,  r) { r=int(q*NR); if (r < q*NR) r++; if (r < 1) r=1; return a[r] }
        END { if (NR == 0) { print "0 - - - - -"; exit }
              printf "%d %.2f %.2f %.2f %.2f %.2f\n", NR, pct(0.5), pct(0.9), pct(0.99), a[NR], s/NR }'
}
median() { sort -g "$1" | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ms1() { awk -v v="$1" 'BEGIN {printf "%.1f", v}'; }
secs2() { awk -v v="$1" 'BEGIN {printf "%.2f s", v/1000}'; }

# --- measurements ------------------------------------------------------------------------------------

# create_loop DIR COUNT OUTFILE: COUNT creates one after another; a line per create:
# "start_ms end_ms exit vm_id spoke" (vm_id and spoke "-" when it failed; its output goes to OUTFILE.err)
create_loop() {
    local dir=$1 count=$2 outfile=$3 i t0 t1 out rc made
    for i in $(seq 1 "$count"); do
        t0=$(now_ms); rc=0
        out=$(stoa "$dir" vm:create --email "$EMAIL" --size f1-xs --os debian12) || rc=$?
        t1=$(now_ms)
        made=$(sed -nE 's/^VM (capsul-[a-z0-9]+) created on spoke ([^:]+):.*/\1 \2/p' <<<"$out" | head -n 1)
        if [ "$rc" != 0 ] || [ -z "$made" ]; then
            printf '%s\n' "$out" >>"$outfile.err"; made="- -"; [ "$rc" != 0 ] || rc=99
        fi
        echo "$t0 $t1 $rc $made" >>"$outfile"
    done
}

# curl_fresh METHOD URL TOKEN COUNT: one curl process and connection per request; ms a line
curl_fresh() {
    local i
    for i in $(seq 1 "$4"); do
        curl -s -o /dev/null -X "$1" -H "Authorization: Bearer $3" -w '%{http_code} %{time_total}\n' "$2" || echo "000 0"
    done | awk '$1 != "200" {bad++} $1 == "200" {printf "%.3f\n", $2*1000} END {if (bad) print "ERR " bad}'
}

# curl_kept METHOD URL TOKEN COUNT: COUNT requests by one curl over one kept-alive connection
# (URL globbing: ?n=1..COUNT, which the API ignores); ms a line, "CONNECTS n" at the end
curl_kept() {
    curl -s -X "$1" -H "Authorization: Bearer $3" -w '\nTT %{http_code} %{time_total} %{num_connects}\n' "$2?n=[1-$4]" \
        | awk '/^TT / {if ($2 != "200") bad++; else printf "%.3f\n", $3*1000; c+=$4}
               END {if (bad) print "ERR " bad; print "CONNECTS " c}'
}

# round_trips NAME METHOD URL TOKEN: warm-up, then both ways; leaves $WORK/rt-NAME-{kept,fresh}.ms
ERRORS=""
round_trips() {
    local name=$1 out conns
    [ "$WARMUP" = 0 ] || curl_kept "$2" "$3" "$4" "$WARMUP" >/dev/null
    out=$(curl_kept "$2" "$3" "$4" "$RT_REQUESTS")
    grep -v '^[A-Z]' <<<"$out" >"$WORK/rt-$name-kept.ms" || true
    conns=$(sed -n 's/^CONNECTS //p' <<<"$out")
    grep -q '^ERR' <<<"$out" && ERRORS+="$name kept-alive: $(grep '^ERR' <<<"$out") non-200 answers; "
    [ "$conns" = 1 ] || ERRORS+="$name kept-alive: $conns connections instead of 1; "
    out=$(curl_fresh "$2" "$3" "$4" "$RT_REQUESTS")
    grep -v '^[A-Z]' <<<"$out" >"$WORK/rt-$name-fresh.ms" || true
    grep -q '^ERR' <<<"$out" && ERRORS+="$name new connections: $(grep '^ERR' <<<"$out") non-200 answers; "
    log "  $name: kept-alive $(stats "$WORK/rt-$name-kept.ms" | awk '{print "p50 " $2 " ms, p99 " $4 " ms"}'), new connection each $(stats "$WORK/rt-$name-fresh.ms" | awk '{print "p50 " $2 " ms, p99 " $4 " ms"}')"
}

# e2e DIR OUTFILE EXPECT ARGS...: E2E_RUNS `bin/stoa ARGS`, ms a line; each must print EXPECT
e2e() {
    local dir=$1 outfile=$2 expect=$3 i t0 out; shift 3
    for i in $(seq 1 "$E2E_RUNS"); do
        t0=$(now_ms)
        out=$(stoa "$dir" "$@") || die "bin/stoa $* failed: $out"
        echo $(( $(now_ms) - t0 )) >>"$outfile"
        grep -qE "$expect" <<<"$out" || die "bin/stoa $* did not print $expect: $out"
    done
}

# ==================================================================================================

log "copying the tarball into the work directory"
STOA_BUILT=$(date -r "$STOA_TARBALL" '+%F %H:%M')
cp "$STOA_TARBALL" "$WORK/stoa.tar.gz"; STOA_TGZ="$WORK/stoa.tar.gz"
STOA_SHA=$(sha256sum "$STOA_TGZ" | cut -c1-12)
tar tzf "$STOA_TGZ" >/dev/null || die "$STOA_TARBALL is not a readable tar.gz (being rebuilt?)"
head -c 1048576 /dev/zero >"$WORK/debian-12.img"
chmod 644 "$WORK/debian-12.img"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
sample_foreign

HUB_HTTP=$((10181 + PORT_SHIFT)) SP2_HTTP=$((10281 + PORT_SHIFT))
HUB=$(unpack hub $((10101 + PORT_SHIFT)) "$HUB_HTTP" $((11099 + PORT_SHIFT)) $((45444 + PORT_SHIFT)))
SP2=$(unpack spoke2 $((10201 + PORT_SHIFT)) "$SP2_HTTP" $((11199 + PORT_SHIFT)) $((45544 + PORT_SHIFT)))
set_prop "$HUB/etc/org.stoa.spoke.cfg" hub_url "http://127.0.0.1:$HUB_HTTP"
# Heartbeats every 2 s (the defaults: 10 s, online for 60 s), as in the end-to-end test.
set_prop "$HUB/etc/org.stoa.hub.cfg" heartbeatIntervalSeconds 2
set_prop "$HUB/etc/org.stoa.hub.cfg" heartbeatWindowSeconds 15

log "starting the hub (with its local spoke) on $LIBVIRT_URI"
t0=$(now_ms)
start "$HUB"
await "$HUB" '^local .* yes ' spoke:list
log "hub ready, local spoke online, in $(secs2 $(( $(now_ms) - t0 )))"
HUB_TOKEN=$(get_prop "$HUB/etc/org.stoa.spoke.cfg" token)
[ -n "$HUB_TOKEN" ] || die "no token in $HUB/etc/org.stoa.spoke.cfg after the first start"

out=$(stoa "$HUB" spoke:add spoke2 "http://127.0.0.1:$SP2_HTTP") || die "spoke:add failed: $out"
SP2_TOKEN=$(sed -n 2p <<<"$out" | tr -d '[:space:]')
[ -n "$SP2_TOKEN" ] || die "spoke:add printed no token: $out"
set_prop "$SP2/etc/org.stoa.spoke.cfg" host_id spoke2
set_prop "$SP2/etc/org.stoa.spoke.cfg" hub_url "http://127.0.0.1:$HUB_HTTP"
set_prop "$SP2/etc/org.stoa.spoke.cfg" token "$SP2_TOKEN"
log "starting spoke2 (STOA_HUB_ENABLED=false)"
t0=$(now_ms)
start "$SP2" STOA_HUB_ENABLED=false
await "$SP2" ': reachable ' spoke:status
await "$HUB" '^spoke2 .* yes ' spoke:list
log "spoke2 ready and online at the hub in $(secs2 $(( $(now_ms) - t0 )))"

for dir in "$HUB" "$SP2"; do
    out=$(stoa "$dir" spoke:template-add debian-12.qcow2 "$WORK/debian-12.img") || die "template-add in $dir: $out"
done
out=$(stoa "$HUB" account:create "$EMAIL") || die "account:create: $out"
out=$(stoa "$HUB" account:ssh-key-add "$EMAIL" laptop "$KEY") || die "account:ssh-key-add: $out"
out=$(stoa "$HUB" spoke:list) || die "spoke:list: $out"
log "spokes:"; printf '%s\n' "$out" >&2
sample_foreign

# 1. sequential creates ------------------------------------------------------------------------------
log "1. $SEQ_CREATES creates one after another"
t0=$(now_ms)
create_loop "$HUB" "$SEQ_CREATES" "$WORK/creates-seq.txt"
SEQ_WALL=$(( $(now_ms) - t0 ))
awk '{print $2 - $1}' "$WORK/creates-seq.txt" >"$WORK/creates-seq.ms"
SEQ_OK=$(awk '$3 == 0' "$WORK/creates-seq.txt" | wc -l)
log "   $SEQ_OK/$SEQ_CREATES made in $(secs2 "$SEQ_WALL")"
sample_foreign

# 2. parallel creates --------------------------------------------------------------------------------
log "2. $N_CREATES creates from $WORKERS parallel workers"
pids=()
t0=$(now_ms)
for w in $(seq 1 "$WORKERS"); do
    n=$(( N_CREATES / WORKERS + (w <= N_CREATES % WORKERS ? 1 : 0) ))
    create_loop "$HUB" "$n" "$WORK/creates-par-$w.txt" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
PAR_WALL=$(( $(now_ms) - t0 ))
cat "$WORK"/creates-par-[0-9]*.txt >"$WORK/creates-par.txt"
awk '{print $2 - $1}' "$WORK/creates-par.txt" >"$WORK/creates-par.ms"
PAR_OK=$(awk '$3 == 0' "$WORK/creates-par.txt" | wc -l)
PAR_SPLIT=$(awk '$3 == 0 {n[$5]++} END {for (s in n) printf "%s %d, ", s, n[s]}' "$WORK/creates-par.txt" | sed 's/, $//')
log "   $PAR_OK/$N_CREATES made in $(secs2 "$PAR_WALL") ($PAR_SPLIT)"
if ls "$WORK"/creates-*.err >/dev/null 2>&1; then
    log "   failed creates said:"; cat "$WORK"/creates-*.err >&2
    ERRORS+="failed creates: $(cat "$WORK"/creates-*.err | sort | uniq -c | sed 's/^ *//' | paste -sd ';' -); "
fi
sample_foreign

# 3. spoke API round trips ---------------------------------------------------------------------------
VM_LOCAL=$(awk '$3 == 0 && $5 == "local" {print $4; exit}' "$WORK/creates-seq.txt" "$WORK/creates-par.txt")
VM_SP2=$(awk '$3 == 0 && $5 == "spoke2" {print $4; exit}' "$WORK/creates-seq.txt" "$WORK/creates-par.txt")
[ -n "$VM_LOCAL" ] && [ -n "$VM_SP2" ] || die "no VM on one of the spokes (local: ${VM_LOCAL:-none}, spoke2: ${VM_SP2:-none})"
for pair in "local $HUB_HTTP $HUB_TOKEN $VM_LOCAL" "spoke2 $SP2_HTTP $SP2_TOKEN $VM_SP2"; do
    read -r name port token vm <<<"$pair"
    answer=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/spoke/vms/$vm")
    log "3. spoke API of $name, GET /spoke/vms/$vm answers $answer"
    grep -q '"state":"running"' <<<"$answer" || die "unexpected answer from $name: $answer"
    round_trips "get-$name" GET "http://127.0.0.1:$port/spoke/vms/$vm" "$token"
    round_trips "heartbeat-$name" POST "http://127.0.0.1:$port/spoke/heartbeat" "$token"
done
sample_foreign

# 4. end to end for an operator ----------------------------------------------------------------------
log "4. $E2E_RUNS x bin/stoa vm:get per spoke, and bin/stoa shell:echo hi"
e2e "$HUB" "$WORK/e2e-echo.ms" '^hi[[:space:]]*$' shell:echo hi
e2e "$HUB" "$WORK/e2e-get-local.ms" '^state: +running' vm:get "$VM_LOCAL"
e2e "$HUB" "$WORK/e2e-get-spoke2.ms" '^state: +running' vm:get "$VM_SP2"

# 5. consistency -------------------------------------------------------------------------------------
log "5. consistency"
CHECK_RC=0; CHECK_OUT=$(stoa "$HUB" vm:check) || CHECK_RC=$?
DB_SPLIT=$(stoa "$HUB" db:sql -c "SELECT host, count(*) FROM vms WHERE deleted IS NULL GROUP BY host ORDER BY host") \
    || die "db:sql failed: $DB_SPLIT"
DB_SPLIT=$(paste -sd ';' - <<<"$DB_SPLIT" | sed 's/;/; /g')
count_on() { curl -s -H "Authorization: Bearer $2" "http://127.0.0.1:$1/spoke/vms" | grep -o 'capsul-[a-z0-9]*' | wc -l; }
LIBVIRT_SPLIT="local, $(count_on "$HUB_HTTP" "$HUB_TOKEN"); spoke2, $(count_on "$SP2_HTTP" "$SP2_TOKEN")"
log "   hub database: $DB_SPLIT; libvirt: $LIBVIRT_SPLIT; vm:check exit $CHECK_RC"
[ "$CHECK_RC" = 0 ] || ERRORS+="vm:check exited $CHECK_RC: $(paste -sd ' ' - <<<"$CHECK_OUT"); "
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
sample_foreign

# --- report ----------------------------------------------------------------------------------------

row() { # LABEL FILE -> a table row: n, p50, p90, p99, max, mean
    local s; s=$(stats "$2")
    read -r n p50 p90 p99 max mean <<<"$s"
    echo "| $1 | $n | $(ms1 "$p50") | $(ms1 "$p90") | $(ms1 "$p99") | $(ms1 "$max") | $(ms1 "$mean") |"
}
java_version=$("$JAVA_BIN" -version 2>&1 | sed -n '1p;3p' | paste -sd ';' - | sed 's/;/; /')
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
date_iso=$(date +%F)
echo_ms=$(median "$WORK/e2e-echo.ms")
seq_med=$(median "$WORK/creates-seq.ms")
par_med=$(median "$WORK/creates-par.ms")
seq_rate=$(awk -v n="$SEQ_OK" -v ms="$SEQ_WALL" 'BEGIN {printf "%.2f", n * 1000 / ms}')
par_rate=$(awk -v n="$PAR_OK" -v ms="$PAR_WALL" 'BEGIN {printf "%.2f", n * 1000 / ms}')

report=$(cat <<EOF
### VM operations benchmark, $date_iso

- Machine: $(nproc) CPUs (${cpu:-unknown CPU}), $mem_total RAM, $(uname -sr)
- JVM: $java_version
- Stoa: $(basename "$STOA_TARBALL") (sha256 $STOA_SHA…, built $STOA_BUILT); libvirt $(dpkg-query -W -f '${Version}' libvirt0 2>/dev/null || echo '?') at $LIBVIRT_URI, pool $POOL
- Two processes on this machine: hub with its local spoke, and spoke2 (STOA_HUB_ENABLED=false); heartbeats every 2 s
- Other load: load average $LOAD_START at the start, $LOAD_END at the end; other Java processes seen during the run: at most $FOREIGN_MAX

Creates (\`bin/stoa vm:create --size f1-xs\` against the hub; each call includes the SSH client's start-up):

| Run | Made | Wall time | Creates/s | End-to-end per create, median [p90, max] | Split across spokes |
|---|---|---|---|---|---|
| $SEQ_CREATES one after another | $SEQ_OK/$SEQ_CREATES | $(secs2 "$SEQ_WALL") | $seq_rate | $(secs2 "$seq_med") [$(stats "$WORK/creates-seq.ms" | awk '{printf "%.2f s, %.2f s", $3/1000, $5/1000}')] | $(awk '$3 == 0 {n[$5]++} END {for (s in n) printf "%s %d, ", s, n[s]}' "$WORK/creates-seq.txt" | sed 's/, $//') |
| $N_CREATES from $WORKERS parallel workers | $PAR_OK/$N_CREATES | $(secs2 "$PAR_WALL") | $par_rate | $(secs2 "$par_med") [$(stats "$WORK/creates-par.ms" | awk '{printf "%.2f s, %.2f s", $3/1000, $5/1000}')] | $PAR_SPLIT |

For comparison, \`bin/stoa shell:echo hi\` (client start-up and SSH login, no work): median $(secs2 "$echo_ms") of $E2E_RUNS.
VMs in the hub's database afterwards (host, count): $DB_SPLIT; in each spoke's libvirt: $LIBVIRT_SPLIT; \`vm:check\` exit $CHECK_RC.

Spoke API round trips, curl's \`%{time_total}\` in ms, $RT_REQUESTS requests each after $WARMUP warm-up requests:

| Request | n | p50 | p90 | p99 | max | mean |
|---|---|---|---|---|---|---|
$(row "GET /spoke/vms/ID, local spoke (hub's process), one kept-alive connection" "$WORK/rt-get-local-kept.ms")
$(row "GET /spoke/vms/ID, spoke2, one kept-alive connection" "$WORK/rt-get-spoke2-kept.ms")
$(row "POST /spoke/heartbeat, local spoke, one kept-alive connection" "$WORK/rt-heartbeat-local-kept.ms")
$(row "POST /spoke/heartbeat, spoke2, one kept-alive connection" "$WORK/rt-heartbeat-spoke2-kept.ms")
$(row "GET /spoke/vms/ID, local spoke, new connection each" "$WORK/rt-get-local-fresh.ms")
$(row "GET /spoke/vms/ID, spoke2, new connection each" "$WORK/rt-get-spoke2-fresh.ms")
$(row "POST /spoke/heartbeat, local spoke, new connection each" "$WORK/rt-heartbeat-local-fresh.ms")
$(row "POST /spoke/heartbeat, spoke2, new connection each" "$WORK/rt-heartbeat-spoke2-fresh.ms")

End to end for an operator, ms ($E2E_RUNS runs; hub, spoke, libvirt and the database update, plus the client):

| Command | n | p50 | p90 | p99 | max | mean |
|---|---|---|---|---|---|---|
$(row "\`bin/stoa shell:echo hi\`" "$WORK/e2e-echo.ms")
$(row "\`bin/stoa vm:get ID\`, VM on the local spoke" "$WORK/e2e-get-local.ms")
$(row "\`bin/stoa vm:get ID\`, VM on spoke2" "$WORK/e2e-get-spoke2.ms")

Problems seen: ${ERRORS:-none}
EOF
)

mkdir -p "$RESULTS_DIR"
printf '%s\n' "$report" | tee "$RESULTS_DIR/vm-ops-$date_iso.md"
log "written $RESULTS_DIR/vm-ops-$date_iso.md"
