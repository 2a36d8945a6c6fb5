#!/usr/bin/env bash
#
# WebSocket benchmark: Stoa's /ws/world/{world}/ against a plain Jetty 9.4 echo server (the ceiling of
# this machine), in the same run, on loopback only.
#
#   benchmarks/websocket.sh                       # all scenarios
#   SCENARIOS="echo1 one" HOLD=60 benchmarks/websocket.sh
#
# Clients come from benchmarks/ws (LoadGenerator: one NIO selector thread per process, no thread per
# client). Each client opens ws://127.0.0.1:PORT/ws/world/bench/, sends ["authenticate", {"token": JWT}]
# with an HS256 token it minted itself for a uid of its own (bench-<run>-<scenario>-g<process>-<n>, so every
# login is a first login that creates a user), waits for ["authenticated", ...], then sends ["ping", ms]
# every PING_INTERVAL s from a random offset, as the browser client does; a ping not answered within
# PING_TIMEOUT s is a ping timeout. Clients are spread over several generator processes (at most
# PER_PROC_MAX each: one process may hold 20,000 open files), each bound to source addresses 127.0.X.1-K of
# its own, at most CLIENTS_PER_IP clients per address. Why so few: a socket bound to an address with port 0
# and SO_REUSEADDR gets its port from a kernel search over the lower half of the ephemeral range, odd ports
# first (~7,000 ports); with ~6,700 clients per address (two addresses per generator) that search's system
# time stalled every generator at ~40,000 clients of the three-node scenario, and pings timed out.
#
# Scenarios (SCENARIOS, default "echo1 one auth three"; each starts and stops its own servers):
#   echo1  the echo server (ECHO_HEAP), N1 clients ramped at RAMP/s and held HOLD s. Ping timeouts, RTT,
#          and memory per idle connection: (RSS with N1 clients - RSS idle) / N1, and the same for the heap
#          after a forced GC (jcmd GC.run, then GC.heap_info), both taken after `jcmd GC.run`.
#   one    one Stoa node (a private copy of STOA_ASSEMBLY, heap STOA_HEAP, embedded PostgreSQL), world
#          "bench" made with world:create; the same measurements, plus connections:list against the true
#          count (clients the generators hold authenticated at that moment).
#   auth   authentication rate: N_AUTH fresh clients ramped at AUTH_RAMP/s (at most MAX_PENDING between
#          connect and authenticated at once), first against the echo server, then against a fresh Stoa
#          node. Sustained rate = clients authenticated / (last authenticated - first connect).
#          Clients stay open until all are in (AUTH_CLOSE=1 closes each right after its authentication).
#   three  three Stoa nodes on ONE PostgreSQL: node A's embedded one; B and C get STOA_DB_URL, STOA_DB_USER,
#          STOA_DB_PASSWORD pointing at it. N3 clients spread round robin over the three, held HOLD s;
#          connections:list on each node against the true total; then connections:force-reload on node A:
#          the time from starting the command to the LAST client receiving ["connection.reload", {}]
#          (and from the first to the last), and how many received it. RELOAD_RECONNECT=1 makes the
#          clients reconnect 0-5 s after the server closes them, as reloading browsers do. Then the
#          same N3 clients on three echo servers (ports ECHO_PORT..+2), held HOLD s: the ceiling.
#   chat   chat on one Stoa node, then the same broadcast on the echo server: a room with a chat.native
#          module (inserted with SQL, its id is the channel's), N1 clients that authenticate and
#          chat.subscribe to it (heap per idle subscribed connection after CHAT_IDLE s, as above), then one
#          sender (user.update with a display name, chat.join) sends CHAT_MESSAGES chat.send, one every
#          CHAT_INTERVAL s, each body "bench#SEQ#SENT_MS": per message the time from its sending to the
#          last subscriber that received it (p50/p99 over the messages), how many received it, and the
#          sender's reply latency (chat.send → success). Twelve thread dumps (jcmd Thread.print) of the
#          node are taken while it delivers (WORK/chat-threads.txt), summed up in
#          RESULTS_DIR/chat-threads-*.txt. Then CHAT_EVENTS events are inserted into the channel with
#          SQL (psql, on the node's embedded PostgreSQL) and the sender makes CHAT_FETCHES
#          chat.fetch of 25 events each, one after the other (at most one per 60 ms: Stoa's rate limit
#          is 20 messages a second per socket), each before a random event id: latency.
#          The echo server (benchmarks/ws EchoServer) relays a ["chat.send", id, body] to every socket as
#          ["chat.event", body]: the ceiling of the broadcast, with nothing stored or checked.
#   chat3  three Stoa nodes on node A's PostgreSQL (as in three), N3 subscribers round robin, the sender
#          on node A sends CHAT3_MESSAGES messages CHAT_INTERVAL s apart: time to the last delivery; node B's
#          delivery thread is sampled as in chat.
#
# Environment: SCENARIOS, N1 (19000), N3 (50000), N_AUTH (18000: one node holds < 20,000 sockets),
#   HOLD seconds (300), RAMP clients/s for echo1/one/three (1000), AUTH_RAMP (3000), MAX_PENDING (3000, all
#   generators together), GEN_PROCS at least this many generator processes (3), PER_PROC_MAX (19000),
#   CLIENTS_PER_IP most clients bound to one source address (2000),
#   GEN_HEAP (512m), ECHO_HEAP (1g), STOA_HEAP (1g, passed as STOA_MAX_HEAP), PING_INTERVAL (10),
#   PING_TIMEOUT (15), WARMUP clients per server before it is measured (4000, 0: none; see below),
#   WARMUP_AUTH the same for the auth scenario, at AUTH_RAMP/s (2 x N_AUTH: two passes at the same pace),
#   CONNECT_TIMEOUT s from connect to authenticated (60), RAMP_SLACK s allowed beyond
#   N/RAMP for a ramp (300), RELOAD_WAIT s after force-reload (10), RELOAD_RECONNECT (0), AUTH_CLOSE (0),
#   STOA_JAVA_OPTS and GEN_JAVA_OPTS (more JVM options for every Stoa node / generator, e.g. to profile one),
#   STOA_ASSEMBLY (karaf-distribution/target/assembly of this checkout; copied first, so a rebuild during
#   the run changes nothing), READY_TIMEOUT s per node start (300), PORT_SHIFT added to every port (0),
#   RESULTS_DIR (benchmarks/results), ECHO_PORT (12080 + PORT_SHIFT), CHAT_MESSAGES (20), CHAT3_MESSAGES (5),
#   CHAT_INTERVAL (3), CHAT_IDLE s subscribers sit before the heap is measured and the sender starts (30),
#   CHAT_EVENTS (1000000), CHAT_FETCHES (1000), KEEP_WORK=1 keeps the work directory (logs, reports; servers stopped).
# Ports (loopback, plus PORT_SHIFT): echo ECHO_PORT (12080); node k=0,1,2: SSH 12101+100k, HTTP 12181+100k,
#   RMI 13099+100k / 13444+100k.
# Warm-up: a fresh JVM compiles its hot paths during its first thousands of clients (a cold Stoa node
# lets in a third of what it does a minute later). Every server, echo included, first takes WARMUP
# clients at RAMP/s that log in (first logins, uids of their own) and leave; the report states their
# rate as the cold one; each warm-up client leaves right after its login. The auth scenario warms up
# with two passes' worth (WARMUP_AUTH = 2 x N_AUTH at AUTH_RAMP/s): 4,000 logins at 1,000/s leave the
# authentication path still compiling, and a node keeps speeding up over its first 50,000 logins.
# Each JVM writes its GC log (Stoa: data/log/gc.log; generators and echo: beside their logs) so a
# stall in the numbers can be told apart from a collection.
# The table goes to stdout and to RESULTS_DIR/websocket-<date>-<HHMM>.md; progress goes to stderr. The script builds
# only the generator jar (mvn -o -q -f benchmarks/ws/pom.xml package, when missing or older than its
# sources), never the server: run `mvn -B -q install -DskipTests` first for the Stoa scenarios.
#
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
SCENARIOS=${SCENARIOS:-echo1 one auth three}
N1=${N1:-19000}
N3=${N3:-50000}
N_AUTH=${N_AUTH:-18000}
HOLD=${HOLD:-300}
RAMP=${RAMP:-1000}
AUTH_RAMP=${AUTH_RAMP:-3000}
MAX_PENDING=${MAX_PENDING:-3000}
GEN_PROCS=${GEN_PROCS:-3}
PER_PROC_MAX=${PER_PROC_MAX:-19000}
CLIENTS_PER_IP=${CLIENTS_PER_IP:-2000}
GEN_HEAP=${GEN_HEAP:-512m}
ECHO_HEAP=${ECHO_HEAP:-1g}
STOA_HEAP=${STOA_HEAP:-1g}
PING_INTERVAL=${PING_INTERVAL:-10}
PING_TIMEOUT=${PING_TIMEOUT:-15}
CONNECT_TIMEOUT=${CONNECT_TIMEOUT:-60}
RAMP_SLACK=${RAMP_SLACK:-300}
RELOAD_WAIT=${RELOAD_WAIT:-10}
WARMUP=${WARMUP:-4000}
WARMUP_AUTH=${WARMUP_AUTH:-$((2 * N_AUTH))}
RELOAD_RECONNECT=${RELOAD_RECONNECT:-0}
AUTH_CLOSE=${AUTH_CLOSE:-0}
STOA_ASSEMBLY=${STOA_ASSEMBLY:-$SCRIPT_DIR/../karaf-distribution/target/assembly}
READY_TIMEOUT=${READY_TIMEOUT:-300}
PORT_SHIFT=${PORT_SHIFT:-0}
RESULTS_DIR=${RESULTS_DIR:-$SCRIPT_DIR/results}
CHAT_MESSAGES=${CHAT_MESSAGES:-20}
CHAT3_MESSAGES=${CHAT3_MESSAGES:-5}
CHAT_INTERVAL=${CHAT_INTERVAL:-3}
CHAT_IDLE=${CHAT_IDLE:-30}
CHAT_EVENTS=${CHAT_EVENTS:-1000000}
CHAT_FETCHES=${CHAT_FETCHES:-1000}
WORLD=bench

# Settings inherited from the caller's shell must not leak into the servers.
unset KARAF_HOME KARAF_BASE KARAF_DATA KARAF_ETC KARAF_LOG KARAF_OPTS KARAF_NOROOT KARAF_DEBUG \
    KARAF_REDIRECT EXTRA_JAVA_OPTS JAVA_OPTS JAVA_MIN_MEM JAVA_MAX_MEM JAVA_PERM_MEM JAVA_MAX_PERM_MEM \
    STOA_MAX_HEAP JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS STOA_DB_URL STOA_DB_USER STOA_DB_PASSWORD \
    STOA_ENVIRONMENT STOA_HUB_ENABLED STOA_SPOKE_ENABLED || true

source "$SCRIPT_DIR/lib/instances.sh"

for v in N1 N3 N_AUTH RAMP AUTH_RAMP MAX_PENDING GEN_PROCS PER_PROC_MAX CLIENTS_PER_IP PING_INTERVAL PING_TIMEOUT CONNECT_TIMEOUT \
    CHAT_MESSAGES CHAT3_MESSAGES CHAT_INTERVAL CHAT_EVENTS CHAT_FETCHES; do
    [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer"
done
for v in HOLD RAMP_SLACK RELOAD_WAIT PORT_SHIFT WARMUP WARMUP_AUTH CHAT_IDLE; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a whole number"
done
for s in $SCENARIOS; do
    case "$s" in echo1|one|auth|three|chat|chat3) ;; *) die "unknown scenario '$s' (echo1, one, auth, three, chat, chat3)";; esac
done
has() { [[ " $SCENARIOS " == *" $1 "* ]]; }
command -v java >/dev/null || [ -n "${JAVA_HOME:-}" ] || die "no java on PATH and no JAVA_HOME"
JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}java
JCMD_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
command -v "$JCMD_BIN" >/dev/null || die "jcmd (from the JDK) is needed for the heap measurements"
command -v ss >/dev/null || die "ss (iproute2) is needed to count established sockets"
if has chat || has chat3; then command -v psql >/dev/null || die "psql (postgresql-client) is needed for the chat scenarios"; fi
NEEDS_STOA=0
if has one || has auth || has three || has chat || has chat3; then
    NEEDS_STOA=1
    [ -d "$STOA_ASSEMBLY/system/org/stoa/stoa-connections" ] \
        || die "$STOA_ASSEMBLY has no stoa-connections bundle (build the server: mvn -B -q install -DskipTests), or set STOA_ASSEMBLY"
fi

# One process may hold 20,000 open files (hard limit): raise the soft limit to it for everything started here.
ulimit -n "$(ulimit -Hn)"
FD_LIMIT=$(ulimit -n)
(( N1 + 200 < FD_LIMIT )) || log "warning: N1=$N1 is close to the open-file limit $FD_LIMIT of one server process"

use_work stoa-bench-ws
RUN_ID=$(date +%H%M%S)$$

# --- the generator jar -----------------------------------------------------------------------------

JAR_BUILT=$SCRIPT_DIR/ws/target/stoa-ws-bench.jar
if [ ! -f "$JAR_BUILT" ] || [ -n "$(find "$SCRIPT_DIR/ws/src/main" "$SCRIPT_DIR/ws/pom.xml" -newer "$JAR_BUILT" -print -quit)" ]; then
    log "building $JAR_BUILT"
    mvn -o -q -f "$SCRIPT_DIR/ws/pom.xml" package -DskipTests >&2 \
        || die "could not build benchmarks/ws (once online: mvn -q -f benchmarks/ws/pom.xml package)"
fi
JAR=$WORK/stoa-ws-bench.jar
cp "$JAR_BUILT" "$JAR"
# -Dbench.work marks every JVM of this run, so cleanup finds them by the work directory.
BENCH_MARK="-Dbench.work=$WORK"

# --- helpers -----------------------------------------------------------------------------------------

status_kb() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status" 2>/dev/null || true; }
fd_count() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
established() { ss -Htn state established "( sport = :$1 )" 2>/dev/null | wc -l; }
# TCP connections of a server port in any state but LISTEN (closing ones included)
connections_of() { ss -Htn "( sport = :$1 )" 2>/dev/null | grep -vc LISTEN || true; }
# PID of the process listening on a port
listener_pid() { ss -Htlnp "( sport = :$1 )" 2>/dev/null | grep -oE 'pid=[0-9]+' | head -n 1 | cut -d= -f2; }
# Methods JVM $1 has queued for its JIT compilers (C1 and C2), running compiles included
jit_backlog() { timeout 30 "$JCMD_BIN" "$1" Compiler.queue 2>/dev/null | grep -cE '^ *[0-9]+ |CompilerThread' || true; }
mib() { awk -v v="$1" 'BEGIN {printf "%.0f MiB", v/1024}'; }
per_conn() { # KB_BEFORE KB_AFTER N -> "x.x KiB"
    awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {if (n > 0 && a != "" && b != "") printf "%.1f KiB", (b-a)/n; else printf "n/a"}'
}
kib() { awk -v v="$1" 'BEGIN {printf "%.1f KiB", v/1024}'; }

# Heap in use (KB) of JVM $1 as GC.heap_info reports it (the heap lines, not metaspace).
heap_used_kb() {
    timeout 60 "$JCMD_BIN" "$1" GC.heap_info 2>/dev/null | awk '
        /Metaspace|class space/ {next}
        /(garbage-first heap|generation|PSYoungGen|ParOldGen|Shenandoah|ZHeap)/ && match($0, /used [0-9]+K/) {
            s += substr($0, RSTART + 5, RLENGTH - 6); if ($0 ~ /garbage-first heap/) {print s; found = 1; exit} }
        END {if (!found) print s + 0}'
}

# "rss_kb heap_kb" of JVM $1 after a forced full GC
jvm_memory() {
    timeout 120 "$JCMD_BIN" "$1" GC.run >/dev/null 2>&1 || log "jcmd $1 GC.run failed"
    sleep 3
    echo "$(status_kb "$1" VmRSS) $(heap_used_kb "$1")"
}

await_port() { # PORT SECONDS
    local t0; t0=$(now_ms)
    until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
        (( $(now_ms) - t0 < $2 * 1000 )) || return 1
        sleep 0.2
    done
}

# --- the echo server ---------------------------------------------------------------------------------

ECHO_PORT=${ECHO_PORT:-$((12080 + PORT_SHIFT))}
ECHO_PID=""
ECHO_PIDS=()
start_echo() { # LABEL [COUNT]: COUNT echo servers (1) on ECHO_PORT, ECHO_PORT+1, ...; ECHO_PID is the first
    local label=$1 count=${2:-1} k port
    for ((k = 0; k < count; k++)); do
        port=$((ECHO_PORT + k))
        port_free "$port" || die "port $port is in use; set PORT_SHIFT"
        "$JAVA_BIN" $BENCH_MARK -Xmx"$ECHO_HEAP" -XX:+UseG1GC -Xlog:gc:file="$WORK/echo-$label-$k.gc.log":uptime,time \
            -cp "$JAR" org.stoa.benchmarks.ws.EchoServer \
            --port "$port" --idle-timeout 60s >"$WORK/echo-$label-$k.log" 2>&1 </dev/null &
        ECHO_PIDS+=($!)
        await_port "$port" 30 || { tail -n 20 "$WORK/echo-$label-$k.log" >&2; die "the echo server did not open port $port"; }
    done
    ECHO_PID=${ECHO_PIDS[0]}
    log "echo server$( ((count > 1)) && echo s) up (PID ${ECHO_PIDS[*]}, heap $ECHO_HEAP)"
}

stop_echo() {
    local p
    for p in "${ECHO_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${ECHO_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    ECHO_PIDS=()
    ECHO_PID=""
}

# --- Stoa nodes --------------------------------------------------------------------------------------

ASSEMBLY=""
STOA_INFO=""
copy_assembly() {
    [ -z "$ASSEMBLY" ] || return 0
    log "copying $STOA_ASSEMBLY"
    ASSEMBLY=$WORK/assembly
    cp -a "$STOA_ASSEMBLY" "$ASSEMBLY"
    # what an earlier run of the original left behind must not leak into ours
    find "$ASSEMBLY/data" -mindepth 1 -maxdepth 1 ! -name tmp -exec rm -rf {} +
    rm -f "$ASSEMBLY/etc/stoa.key" "$ASSEMBLY/etc/stoa.key.pub"
    local conn
    conn=$(ls "$ASSEMBLY"/system/org/stoa/stoa-connections/*/*.jar 2>/dev/null | head -n 1)
    STOA_INFO="$STOA_ASSEMBLY ($(basename "${conn:-no stoa-connections jar}"), built $(date -r "${conn:-$ASSEMBLY}" '+%F %H:%M'))"
}

node_ports() { # INDEX -> "ssh http rmiRegistry rmiServer"
    echo "$((12101 + 100 * $1 + PORT_SHIFT)) $((12181 + 100 * $1 + PORT_SHIFT)) $((13099 + 100 * $1 + PORT_SHIFT)) $((13444 + 100 * $1 + PORT_SHIFT))"
}

node_setup() { # NAME INDEX -> prints the node's directory (copy_assembly first: this runs in a subshell)
    local dir=$WORK/$1 ssh http rr rs p
    [ -n "$ASSEMBLY" ] || die "node_setup before copy_assembly"
    read -r ssh http rr rs <<<"$(node_ports "$2")"
    for p in $ssh $http $rr $rs; do port_free "$p" || die "port $p is already in use; set PORT_SHIFT"; done
    cp -a "$ASSEMBLY" "$dir"
    chmod 755 "$dir"
    set_prop "$dir/etc/org.apache.karaf.shell.cfg" sshPort "$ssh"
    set_prop "$dir/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$http"
    set_prop "$dir/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$rr"
    set_prop "$dir/etc/org.apache.karaf.management.cfg" rmiServerPort "$rs"
    echo "$dir"
}

stoa() { local dir=$1; shift; (cd "$dir" && timeout 120 bin/stoa "$@" </dev/null 2>&1); }

node_start() { # DIR [ENV=VALUE...]: starts and waits until the commands the run uses answer
    local dir=$1 t0 out; shift
    STARTED_DIRS+=("$dir")
    t0=$(now_ms)
    (cd "$dir" && env STOA_MAX_HEAP="$STOA_HEAP" STOA_HUB_ENABLED=false STOA_SPOKE_ENABLED=false \
        EXTRA_JAVA_OPTS="-Xlog:gc:file=$dir/data/log/gc.log:uptime,time${STOA_JAVA_OPTS:+ $STOA_JAVA_OPTS}" "$@" bin/start) \
        >/dev/null 2>&1 </dev/null || die "bin/start failed in $dir"
    # The worlds and connections bundles come up after the schema: world:create right after
    # db:showmigrations first answers can find no such command.
    until out=$(stoa "$dir" db:showmigrations) && out=$(stoa "$dir" world:list) && out=$(stoa "$dir" connections:list); do
        if (( $(now_ms) - t0 > READY_TIMEOUT * 1000 )); then
            log "last answer: $out"; tail -n 40 "$dir/data/log/karaf.log" >&2 2>/dev/null || true
            die "$dir not ready after ${READY_TIMEOUT}s"
        fi
        sleep 1
    done
    log "$(basename "$dir") ready in $(( ($(now_ms) - t0) / 1000 )) s (JVM $(jvm_pid "$dir"), heap $STOA_HEAP)"
}

# world:create, then the world's first JWT secret -> sets ISSUER AUDIENCE SECRET
create_world() { # DIR
    local dir=$1 out line
    out=$(stoa "$dir" world:create --id "$WORLD" --title Bench --domain bench.example.org) \
        || die "world:create failed: $out"
    grep -q 'World created' <<<"$out" || die "world:create said: $out"
    stoa "$dir" world:export-config "$WORLD" >"$WORK/world.json" || die "world:export-config failed: $(cat "$WORK/world.json")"
    if line=$("$JAVA_BIN" -cp "$JAR" org.stoa.benchmarks.ws.Summary jwt-secret "$WORK/world.json" 2>/dev/null); then
        IFS=$'\t' read -r ISSUER AUDIENCE SECRET <<<"$line"
    else # the API keys world:create printed
        ISSUER=$(grep -oE "'issuer': '[^']*'" <<<"$out" | head -n 1 | cut -d"'" -f4)
        AUDIENCE=$(grep -oE "'audience': '[^']*'" <<<"$out" | head -n 1 | cut -d"'" -f4)
        SECRET=$(grep -oE "'secret': '[^']*'" <<<"$out" | head -n 1 | cut -d"'" -f4)
    fi
    [ -n "$SECRET" ] || die "no JWT secret for world $WORLD (world:create said: $out)"
    log "world $WORLD created (issuer $ISSUER, audience $AUDIENCE)"
}

# connections:list on DIR -> "total milliseconds"; the raw answer goes to FILE
connections_list() { # DIR FILE
    local t0 out total
    t0=$(now_ms)
    out=$(stoa "$1" connections:list) || log "connections:list failed: $out"
    printf '%s\n' "$out" >"$2"
    total=$(awk 'tolower($1) ~ /^total/ && $NF ~ /^[0-9]+$/ {t = $NF; had = 1}
                 $NF ~ /^[0-9]+$/ {s += $NF} END {print had ? t : s + 0}' <<<"$out")
    echo "$total $(( $(now_ms) - t0 ))"
}

# --- generators --------------------------------------------------------------------------------------

GEN_SEQ=0
GEN_DIR=""
GEN_PIDS=()
GEN_TARGET=0
gen_procs() { local p=$(( ($1 + PER_PROC_MAX - 1) / PER_PROC_MAX )); echo $(( p > GEN_PROCS ? p : GEN_PROCS )); }

# start_generators LABEL MODE TOTAL RAMP [generator options...] -- URL...
start_generators() {
    local label=$1 mode=$2 total=$3 ramp=$4 procs p n ip ips k opts=() urls=()
    shift 4
    while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
    shift
    urls=("$@")
    procs=$(gen_procs "$total")
    GEN_DIR=$WORK/gen-$label
    mkdir -p "$GEN_DIR"
    GEN_PIDS=()
    GEN_TARGET=$total
    for ((p = 0; p < procs; p++)); do
        n=$(( total / procs + (p < total % procs ? 1 : 0) ))
        (( n <= PER_PROC_MAX )) || die "$n clients in one generator exceed PER_PROC_MAX"
        ip="127.0.$((10 + GEN_SEQ % 240))"
        GEN_SEQ=$((GEN_SEQ + 1))
        ips="$ip.1"
        for ((k = 2; k <= (n + CLIENTS_PER_IP - 1) / CLIENTS_PER_IP && k <= 254; k++)); do ips+=",$ip.$k"; done
        # C1 only: a generator is a fresh JVM for every pass, and C2 compiling it took half of its
        # CPU during the measured seconds, on the two cores the server under test needs.
        "$JAVA_BIN" $BENCH_MARK -XX:TieredStopAtLevel=1 ${GEN_JAVA_OPTS:-} -Xmx"$GEN_HEAP" -XX:+UseSerialGC -Xlog:gc:file="$GEN_DIR/g$p.gc.log":uptime,time -jar "$JAR" \
            --name "$label-g$p" --mode "$mode" --connections "$n" \
            --ramp "$(awk -v r="$ramp" -v p="$procs" 'BEGIN {printf "%.2f", r/p}')" \
            --max-pending $(( MAX_PENDING / procs > 0 ? MAX_PENDING / procs : 1 )) \
            --ping-interval "${PING_INTERVAL}s" --ping-timeout "${PING_TIMEOUT}s" --connect-timeout "${CONNECT_TIMEOUT}s" \
            --source-ips "$ips" --uid-prefix "bench-$RUN_ID-$label-g$p" \
            --status "$GEN_DIR/g$p.status" --report "$GEN_DIR/g$p.json" --stop-file "$GEN_DIR/stop" --hold inf \
            "${opts[@]}" "${urls[@]}" >"$GEN_DIR/g$p.log" 2>&1 </dev/null &
        GEN_PIDS+=($!)
    done
    log "$label: $procs generator processes for $total clients at $ramp/s -> ${urls[*]}"
}

gen_sum() { # FIELD: summed over the current generators' status lines
    local f
    for f in "$GEN_DIR"/g*.status; do [ -f "$f" ] && cat "$f"; done \
        | awk -v k="$1" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); if (kv[1] == k) s += kv[2]}} END {print s + 0}'
}
gen_line() {
    echo "authenticated $(gen_sum authenticated)/$GEN_TARGET, pending $(gen_sum pending), failed $(gen_sum failed), ping timeouts $(gen_sum ping_timeouts)"
}

# Until every generator is past its ramp (all clients authenticated or given up) or has exited.
wait_ramp() { # TIMEOUT_SECONDS
    local t0 p i done next_log
    t0=$(now_ms); next_log=$((t0 + 10000))
    while :; do
        done=1
        for i in "${!GEN_PIDS[@]}"; do
            p=${GEN_PIDS[$i]}
            if kill -0 "$p" 2>/dev/null; then
                grep -q 'ramp_done=1' "$GEN_DIR/g$i.status" 2>/dev/null || done=0
            fi
        done
        (( done )) && break
        if (( $(now_ms) > next_log )); then log "  ramp: $(gen_line)"; next_log=$(( $(now_ms) + 10000 )); sample_foreign; fi
        if (( $(now_ms) - t0 > $1 * 1000 )); then log "ramp not done after $1 s: $(gen_line)"; return 1; fi
        sleep 1
    done
    log "  ramp done after $(( ($(now_ms) - t0) / 1000 )) s: $(gen_line)"
}

# hold_for SECONDS PID...: keeps the clients, logs every 30 s, notes the highest RSS and fd count of each PID
declare -A PEAK_RSS PEAK_FDS
hold_for() {
    local secs=$1 t0 p v; shift
    t0=$(now_ms)
    log "  holding $secs s"
    while (( $(now_ms) - t0 < secs * 1000 )); do
        for p in "$@"; do
            v=$(status_kb "$p" VmRSS); (( ${v:-0} > ${PEAK_RSS[$p]:-0} )) && PEAK_RSS[$p]=$v
            v=$(fd_count "$p"); (( v > ${PEAK_FDS[$p]:-0} )) && PEAK_FDS[$p]=$v
        done
        sleep "$(awk -v r=$(( secs * 1000 - ($(now_ms) - t0) )) 'BEGIN {r /= 1000; printf "%.1f", (r > 30 ? 30 : (r > 0.1 ? r : 0.1))}')"
        log "  hold $(( ($(now_ms) - t0) / 1000 ))/$secs s: $(gen_line)"
        sample_foreign
    done
}

# Stops the generators (stop file, then signals) and merges their reports into the array named $1.
stop_generators() { # RESULT_ARRAY
    local -n into=$1
    local p i k v
    touch "$GEN_DIR/stop"
    for p in "${GEN_PIDS[@]}"; do
        for i in $(seq 1 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
        kill "$p" 2>/dev/null && log "generator $p did not stop within 60 s: terminated"
        wait "$p" 2>/dev/null || true
    done
    for i in "${!GEN_PIDS[@]}"; do
        [ -f "$GEN_DIR/g$i.json" ] || { tail -n 20 "$GEN_DIR/g$i.log" >&2; die "generator $i wrote no report"; }
        tail -n 1 "$GEN_DIR/g$i.log" >&2
    done
    "$JAVA_BIN" -cp "$JAR" org.stoa.benchmarks.ws.Summary merge "$GEN_DIR"/g*.json >"$GEN_DIR/summary.txt"
    while IFS='=' read -r k v; do into[$k]=$v; done <"$GEN_DIR/summary.txt"
    GEN_PIDS=()
}

# --- the scenarios -------------------------------------------------------------------------------------

# WARMUP clients log in at RAMP/s and leave, so what follows measures a server whose hot paths are
# compiled; their rate (the cold one) goes into the array named $1 as warm_rate.
warm_up() { # RESULT_ARRAY LABEL MODE [generator options...] -- URL...   (WARM_RAMP: its rate, RAMP)
    local -n W=$1
    local label=$2 mode=$3 ramp=${WARM_RAMP:-$RAMP}
    shift 3
    (( WARMUP > 0 )) || return 0
    declare -A WARM_RESULT=()
    start_generators "warm-$label" "$mode" "$WARMUP" "$ramp" --hold 0 --close-after-auth "$@"
    wait_ramp $(( WARMUP / ramp + RAMP_SLACK )) || true
    stop_generators WARM_RESULT
    W[warm_rate]=${WARM_RESULT[auth_rate_per_s]}
    W[warm_in]=${WARM_RESULT[authenticated_total]}
    # Measuring starts from quiet servers: every one of them (all the URLs after --) has taken
    # down the warm-up's connections and emptied its JIT queue (under the warm-up's load the one
    # C2 thread falls hundreds of methods behind; it catches up within a second or two).
    local url after_dashes= t0 queues=
    t0=$(now_ms)
    for url in "$@"; do
        if [ -n "$after_dashes" ]; then queues+=" $(settle "$url")"; fi
        [ "$url" = -- ] && after_dashes=1
    done
    log "$label: warm-up done: ${W[warm_in]} of $WARMUP in at ${W[warm_rate]}/s (cold), all closed; settled in $(( $(now_ms) - t0 )) ms (JIT queues:$queues)"
}

# Waits (at most 60 s each) until the server behind a ws://127.0.0.1:PORT/ URL holds no TCP
# connection and has no method queued for its JIT; prints the queue length it ended with.
settle() { # URL
    local port=${1#ws://127.0.0.1:} pid t0 backlog=unknown
    port=${port%%/*}; pid=$(listener_pid "$port"); t0=$(now_ms)
    while (( $(connections_of "$port") > 0 && $(now_ms) - t0 < 60000 )); do sleep 0.2; done
    if [ -n "$pid" ]; then
        while backlog=$(jit_backlog "$pid"); (( backlog > 0 && $(now_ms) - t0 < 60000 )); do sleep 0.5; done
    fi
    echo "$backlog"
}

# Ramp N1 clients against one server, hold, measure memory; fills the array named $1.
hold_one_server() { # RESULT_ARRAY LABEL MODE SERVER_PID SERVER_PORT URL [generator options...]
    local -n R=$1
    local array=$1 label=$2 mode=$3 pid=$4 port=$5 url=$6 rss heap
    shift 6
    read -r rss heap <<<"$(jvm_memory "$pid")"; R[rss_idle]=$rss R[heap_idle]=$heap
    log "$label: idle RSS $(mib "$rss"), heap after GC $(mib "$heap")"
    start_generators "$label" "$mode" "$N1" "$RAMP" "$@" -- "$url"
    wait_ramp $(( N1 / RAMP + RAMP_SLACK )) || R[ramp_incomplete]=1
    R[ramped]=$(gen_sum authenticated)
    hold_for "$HOLD" "$pid"
    R[true_count]=$(gen_sum authenticated)
    R[established]=$(established "$port")
    R[fds]=$(fd_count "$pid")
    R[fds_peak]=${PEAK_FDS[$pid]:-0}; (( R[fds] > R[fds_peak] )) && R[fds_peak]=${R[fds]}
    read -r rss heap <<<"$(jvm_memory "$pid")"; R[rss_loaded]=$rss R[heap_loaded]=$heap
    log "$label: with ${R[true_count]} clients RSS $(mib "$rss"), heap after GC $(mib "$heap"), ${R[fds]} open files"
    if [ "$mode" = stoa ]; then
        read -r R[list_total] R[list_ms] <<<"$(connections_list "$NODE_DIR" "$WORK/$label-connections-list.txt")"
        R[list_raw]=$(tr '\n' ' ' <"$WORK/$label-connections-list.txt" | sed 's/  */ /g')
        log "$label: connections:list says ${R[list_total]} (true ${R[true_count]}) in ${R[list_ms]} ms"
    fi
    stop_generators "$array"
}

declare -A ECHO1 ONE AUTH_E AUTH_S THREE THREE_E
NODE_DIR=""

scenario_echo1() {
    log "=== echo1: $N1 clients on the Jetty echo server, held $HOLD s"
    start_echo echo1
    warm_up ECHO1 echo1 echo -- "ws://127.0.0.1:$ECHO_PORT/ws/world/$WORLD/"
    hold_one_server ECHO1 echo1 echo "$ECHO_PID" "$ECHO_PORT" "ws://127.0.0.1:$ECHO_PORT/ws/world/$WORLD/"
    stop_echo
}

scenario_one() {
    log "=== one: $N1 clients on one Stoa node, held $HOLD s"
    local http
    copy_assembly
    NODE_DIR=$(node_setup one 0)
    node_start "$NODE_DIR"
    create_world "$NODE_DIR"
    read -r _ http _ _ <<<"$(node_ports 0)"
    warm_up ONE one stoa --secret "$SECRET" --issuer "$ISSUER" --audience "$AUDIENCE" -- "ws://127.0.0.1:$http/ws/world/$WORLD/"
    hold_one_server ONE one stoa "$(jvm_pid "$NODE_DIR")" "$http" "ws://127.0.0.1:$http/ws/world/$WORLD/" \
        --secret "$SECRET" --issuer "$ISSUER" --audience "$AUDIENCE"
    stop_node "$NODE_DIR"
}

stop_node() { # DIR: bin/stop and wait (bounded) for the JVM to go
    local i
    (cd "$1" && timeout 60 bin/stop) >/dev/null 2>&1 </dev/null || log "bin/stop in $1 exited non-zero"
    for i in $(seq 1 300); do [ -z "$(jvm_pid "$1")" ] && break; sleep 0.2; done
    [ -z "$(jvm_pid "$1")" ] || log "the JVM in $1 still runs 60 s after bin/stop (cleanup ends it)"
}

auth_run() { # RESULT_ARRAY LABEL MODE URL [generator options...]
    local array=$1 label=$2 mode=$3 url=$4 extra=()
    shift 4
    [ "$AUTH_CLOSE" = 1 ] && extra+=(--close-after-auth)
    start_generators "$label" "$mode" "$N_AUTH" "$AUTH_RAMP" --hold 0 "${extra[@]}" "$@" -- "$url"
    wait_ramp $(( N_AUTH / AUTH_RAMP + RAMP_SLACK )) || true
    stop_generators "$array"
}

scenario_auth() {
    log "=== auth: $N_AUTH first logins at up to $AUTH_RAMP/s, echo server then one Stoa node"
    local http
    start_echo auth
    WARMUP=$WARMUP_AUTH WARM_RAMP=$AUTH_RAMP warm_up AUTH_E auth-echo echo -- "ws://127.0.0.1:$ECHO_PORT/ws/world/$WORLD/"
    auth_run AUTH_E auth-echo echo "ws://127.0.0.1:$ECHO_PORT/ws/world/$WORLD/"
    stop_echo
    copy_assembly
    NODE_DIR=$(node_setup auth 0)
    node_start "$NODE_DIR"
    create_world "$NODE_DIR"
    read -r _ http _ _ <<<"$(node_ports 0)"
    WARMUP=$WARMUP_AUTH WARM_RAMP=$AUTH_RAMP warm_up AUTH_S auth-stoa stoa --secret "$SECRET" --issuer "$ISSUER" --audience "$AUDIENCE" -- "ws://127.0.0.1:$http/ws/world/$WORLD/"
    auth_run AUTH_S auth-stoa stoa "ws://127.0.0.1:$http/ws/world/$WORLD/" \
        --secret "$SECRET" --issuer "$ISSUER" --audience "$AUDIENCE"
    stop_node "$NODE_DIR"
}

# Node A, then B and C on node A's embedded PostgreSQL (sets PG_PORT and PG_PASSWORD).
start_three_nodes() { # DIR_A DIR_B DIR_C
    local dir
    node_start "$1"
    node_pg "$1"
    log "node A's PostgreSQL on 127.0.0.1:$PG_PORT, database stoa"
    for dir in "$2" "$3"; do
        node_start "$dir" STOA_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/stoa" STOA_DB_USER=stoa STOA_DB_PASSWORD="$PG_PASSWORD"
    done
}

# The port and password of the embedded PostgreSQL of the node in DIR -> PG_PORT PG_PASSWORD
node_pg() { # DIR
    PG_PORT=$(sed -n 4p "$1/data/postgres/postmaster.pid" 2>/dev/null | tr -d '[:space:]')
    [[ "$PG_PORT" =~ ^[0-9]+$ ]] || PG_PORT=$(grep -oE 'PostgreSQL started on 127\.0\.0\.1:[0-9]+' "$1/data/log/karaf.log" | tail -n 1 | sed 's/.*://')
    [[ "$PG_PORT" =~ ^[0-9]+$ ]] || die "cannot find the port of the PostgreSQL of $1"
    PG_PASSWORD=$(head -n 1 "$1/data/postgres.password" | tr -d '\r\n')
    [ -n "$PG_PASSWORD" ] || die "no password in $1/data/postgres.password"
}

# SQL on the database node_pg found (one transaction, stops at the first error; rows unaligned, no header)
pg_sql() { # SQL
    PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=10 psql -h 127.0.0.1 -p "$PG_PORT" -U stoa -d stoa -X -q -t -A \
        -v ON_ERROR_STOP=1 --single-transaction -c "$1"
}

scenario_three() {
    log "=== three: $N3 clients over three Stoa nodes on one PostgreSQL, held $HOLD s, then force-reload"
    local a b c dirs url_a url_b url_c k dir http pids=() extra=() t0 t1 out line
    copy_assembly
    a=$(node_setup three-a 0); b=$(node_setup three-b 1); c=$(node_setup three-c 2)
    dirs=("$a" "$b" "$c")
    start_three_nodes "$a" "$b" "$c"
    create_world "$a"
    read -r _ http _ _ <<<"$(node_ports 0)"; url_a="ws://127.0.0.1:$http/ws/world/$WORLD/"
    read -r _ http _ _ <<<"$(node_ports 1)"; url_b="ws://127.0.0.1:$http/ws/world/$WORLD/"
    read -r _ http _ _ <<<"$(node_ports 2)"; url_c="ws://127.0.0.1:$http/ws/world/$WORLD/"
    for dir in "$a" "$b" "$c"; do pids+=("$(jvm_pid "$dir")"); done
    WARMUP=$((WARMUP * 3)) warm_up THREE three stoa --secret "$SECRET" --issuer "$ISSUER" --audience "$AUDIENCE" -- "$url_a" "$url_b" "$url_c"
    [ "$RELOAD_RECONNECT" = 1 ] && extra+=(--reconnect)
    start_generators three stoa "$N3" "$RAMP" --secret "$SECRET" --issuer "$ISSUER" --audience "$AUDIENCE" "${extra[@]}" \
        -- "$url_a" "$url_b" "$url_c"
    wait_ramp $(( N3 / RAMP + RAMP_SLACK )) || THREE[ramp_incomplete]=1
    THREE[ramped]=$(gen_sum authenticated)
    hold_for "$HOLD" "${pids[@]}"
    THREE[true_count]=$(gen_sum authenticated)
    for k in 0 1 2; do
        dir=${dirs[$k]}
        read -r _ http _ _ <<<"$(node_ports $k)"
        THREE[established_$k]=$(established "$http")
        THREE[rss_$k]=$(status_kb "${pids[$k]}" VmRSS)
        THREE[fds_$k]=$(fd_count "${pids[$k]}")
        read -r THREE[list_$k] THREE[list_ms_$k] <<<"$(connections_list "$dir" "$WORK/three-connections-list-$k.txt")"
        log "three: node $k holds ${THREE[established_$k]} sockets; connections:list says ${THREE[list_$k]} (true total ${THREE[true_count]})"
    done
    THREE[true_after_list]=$(gen_sum authenticated)
    t0=$(now_ms)
    out=$(stoa "$a" connections:force-reload) || log "connections:force-reload failed: $out"
    t1=$(now_ms)
    THREE[reload_start]=$t0 THREE[reload_cmd_ms]=$((t1 - t0))
    THREE[reload_said]=$(tr '\n' ' ' <<<"$out" | sed 's/  */ /g')
    # When the command ran inside node A (its log line), without the bin/stoa client's JVM start and
    # SSH login: what an operator already at the Karaf console waits.
    line=$(grep 'connections: reload requested' "$a/data/log/karaf.log" 2>/dev/null | tail -n 1 | cut -d'|' -f1 | tr -d ' ' | tr , .)
    [ -n "$line" ] && THREE[reload_logged]=$(date -d "$line" +%s%3N 2>/dev/null || true)
    log "three: force-reload answered in $((t1 - t0)) ms: ${THREE[reload_said]}"
    sleep "$RELOAD_WAIT"
    log "three: after the reload: $(gen_line), reloads received $(gen_sum reloads)"
    stop_generators THREE
    for dir in "$c" "$b" "$a"; do stop_node "$dir"; done

    # the ceiling: the same clients on three plain echo servers
    start_echo three 3
    url_a="ws://127.0.0.1:$ECHO_PORT/ws/world/$WORLD/"
    url_b="ws://127.0.0.1:$((ECHO_PORT + 1))/ws/world/$WORLD/"
    url_c="ws://127.0.0.1:$((ECHO_PORT + 2))/ws/world/$WORLD/"
    WARMUP=$((WARMUP * 3)) warm_up THREE_E three-echo echo -- "$url_a" "$url_b" "$url_c"
    start_generators three-echo echo "$N3" "$RAMP" -- "$url_a" "$url_b" "$url_c"
    wait_ramp $(( N3 / RAMP + RAMP_SLACK )) || THREE_E[ramp_incomplete]=1
    hold_for "$HOLD" "${ECHO_PIDS[@]}"
    THREE_E[true_count]=$(gen_sum authenticated)
    for k in 0 1 2; do THREE_E[rss_$k]=$(status_kb "${ECHO_PIDS[$k]}" VmRSS); done
    stop_generators THREE_E
    stop_echo
}

# --- chat ------------------------------------------------------------------------------------------------

CHANNEL=""
# A room with a chat.native module in world $WORLD where every user is a participant (may read, join
# and send), put in with SQL like any other change to a world's rooms (nodes pick it up); its id is
# the chat channel's -> CHANNEL. node_pg first.
create_chat_room() {
    CHANNEL=$(pg_sql "INSERT INTO rooms (id, world_id, name, trait_grants, module_config) VALUES (gen_random_uuid(), '$WORLD', 'Bench chat', '{\"participant\": []}',
        '[{\"type\": \"chat.native\", \"config\": {\"volatile\": false}}]') RETURNING id" | head -n 1 | tr -d '[:space:]')
    [[ "$CHANNEL" =~ ^[0-9a-f-]{36}$ ]] || die "could not insert the chat room (psql said: $CHANNEL)"
    log "chat room and channel $CHANNEL"
}

status_field() { awk -v k="$2" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); if (kv[1] == k) print kv[2]}}' "$1" 2>/dev/null | tail -n 1; }

# Until `gen_sum chat_ready` reaches the clients held authenticated (subscriptions answered), at most $1 s.
wait_subscribed() { # SECONDS
    local t0; t0=$(now_ms)
    until (( $(gen_sum chat_ready) >= $(gen_sum authenticated) )); do
        if (( $(now_ms) - t0 > $1 * 1000 )); then log "  not all subscribed after $1 s: $(gen_sum chat_ready) of $(gen_sum authenticated)"; return 1; fi
        sleep 1
    done
    log "  subscribed: $(gen_sum chat_ready) in $(( ($(now_ms) - t0) / 1000 )) s after the ramp"
}

# One client that joins the channel (stoa: user.update with a display name, chat.join) and, once
# $SENDER_DIR/start exists, sends or fetches as its options say; its files are in SENDER_DIR.
SENDER_PID=""
SENDER_DIR=""
start_sender() { # LABEL MODE URL [generator options...]
    local label=$1 mode=$2 url=$3 t0
    shift 3
    SENDER_DIR=$WORK/sender-$label
    mkdir -p "$SENDER_DIR"
    "$JAVA_BIN" $BENCH_MARK -XX:TieredStopAtLevel=1 -Xmx128m -XX:+UseSerialGC -jar "$JAR" \
        --name "$label-sender" --mode "$mode" --connections 1 --ramp 1 --source-ips 127.0.9.1 \
        --ping-interval "${PING_INTERVAL}s" --ping-timeout "${PING_TIMEOUT}s" --connect-timeout "${CONNECT_TIMEOUT}s" \
        --uid-prefix "bench-$RUN_ID-$label-sender" --status "$SENDER_DIR/status" --report "$SENDER_DIR/report.json" \
        --stop-file "$SENDER_DIR/stop" --hold inf --chat-sender --chat-channel "$CHANNEL" --chat-start-file "$SENDER_DIR/start" \
        "$@" "$url" >"$SENDER_DIR/log" 2>&1 </dev/null &
    SENDER_PID=$!
    t0=$(now_ms)
    until [ "$(status_field "$SENDER_DIR/status" chat_ready)" = 1 ]; do
        kill -0 "$SENDER_PID" 2>/dev/null || { tail -n 20 "$SENDER_DIR/log" >&2; die "the chat sender exited"; }
        (( $(now_ms) - t0 < 60000 )) || { tail -n 20 "$SENDER_DIR/log" >&2; die "the chat sender did not join the channel within 60 s"; }
        sleep 0.5
    done
    log "$label: sender in the channel"
}

# Stops the sender and merges its report into the array named $1 as sender_<key>.
stop_sender() { # RESULT_ARRAY
    local -n into=$1
    local i k v
    touch "$SENDER_DIR/stop"
    for i in $(seq 1 150); do kill -0 "$SENDER_PID" 2>/dev/null || break; sleep 0.2; done
    kill "$SENDER_PID" 2>/dev/null || true
    wait "$SENDER_PID" 2>/dev/null || true
    tail -n 1 "$SENDER_DIR/log" >&2
    [ -f "$SENDER_DIR/report.json" ] || die "the chat sender wrote no report"
    while IFS='=' read -r k v; do into[sender_$k]=$v; done < <("$JAVA_BIN" -cp "$JAR" org.stoa.benchmarks.ws.Summary merge "$SENDER_DIR/report.json")
    SENDER_PID=""
}

# Starts the sender's requests; waits until all are answered and (sends) all deliveries are in, or the time is up.
run_sender() { # COUNT EXPECTED_DELIVERIES_EACH SECONDS [PID to sample with Thread.print into FILE]
    local count=$1 expected=$2 secs=$3 pid=${4:-} dumps=${5:-} t0 n=0
    t0=$(now_ms)
    touch "$SENDER_DIR/start"
    while :; do
        if (( $(status_field "$SENDER_DIR/status" chat_replies) >= count )) \
            && { (( expected == 0 )) || (( $(gen_sum chat_deliveries) >= count * expected )); }; then break; fi
        if (( $(now_ms) - t0 > secs * 1000 )); then log "  sender not done after $secs s"; break; fi
        if [ -n "$pid" ] && (( n < 12 )) && (( $(status_field "$SENDER_DIR/status" chat_sent) > 0 )); then
            { echo "=== $(date +%T.%3N) sample $n"; timeout 20 "$JCMD_BIN" "$pid" Thread.print 2>/dev/null; } >>"$dumps"
            n=$((n + 1))
            sleep 0.3
        else
            sleep 0.5
        fi
    done
    sleep 2   # stragglers beyond the expected count
    log "  sender: $(status_field "$SENDER_DIR/status" chat_replies) of $count answered; deliveries $(gen_sum chat_deliveries) (expected $((count * expected)))"
}

# What the chat delivery thread (and the cluster bus's LISTEN thread, which hands it other nodes'
# events) did in the Thread.print samples of FILE: state and CPU time in each (CPU between two
# samples over the messages sent meanwhile is the cost per message), then the top three frames of
# their RUNNABLE samples, counted.
summarize_dumps() { # FILE
    awk '
        /^=== / {sample = $2 " " $4}
        /^"/ {name = $0; sub(/^"/, "", name); sub(/".*/, "", name)
              thread = (name == "stoa-chat-delivery" || name == "stoa-cluster-listen"); depth = 0; top = ""
              if (thread && match($0, /cpu=[0-9.]+ms/)) cpu = substr($0, RSTART + 4, RLENGTH - 4)}
        /java.lang.Thread.State:/ && thread {state = $2; printf "sample %s: %s %s, cpu %s\n", sample, name, state, cpu}
        /^\tat / && thread && state == "RUNNABLE" && depth < 3 {f = $2; sub(/\(.*/, "", f); top = top (depth ? " < " : "") f; depth++
              if (depth == 3) frames[name ": " top]++}
        END {print "\nRUNNABLE samples by their top three frames:"
             for (f in frames) printf "%4d  %s\n", frames[f], f}' "$1"
}

# Subscribers on one server, heap per idle subscribed socket, then the sender's broadcast; fills the array $1.
chat_broadcast() { # RESULT_ARRAY LABEL MODE SERVER_PID URL [generator options...]
    local -n C=$1
    local array=$1 label=$2 mode=$3 pid=$4 url=$5 rss heap dumps=""
    shift 5
    read -r rss heap <<<"$(jvm_memory "$pid")"; C[rss_idle]=$rss C[heap_idle]=$heap
    log "$label: idle RSS $(mib "$rss"), heap after GC $(mib "$heap")"
    start_generators "$label" "$mode" "$N1" "$RAMP" --chat-channel "$CHANNEL" "$@" -- "$url"
    wait_ramp $(( N1 / RAMP + RAMP_SLACK )) || C[ramp_incomplete]=1
    wait_subscribed 120 || C[subscribe_incomplete]=1
    hold_for "$CHAT_IDLE" "$pid"
    C[subscribed]=$(gen_sum chat_ready)
    C[true_count]=${C[subscribed]}
    read -r rss heap <<<"$(jvm_memory "$pid")"; C[rss_loaded]=$rss C[heap_loaded]=$heap
    log "$label: with ${C[subscribed]} subscribed clients RSS $(mib "$rss"), heap after GC $(mib "$heap")"
    start_sender "$label" "$mode" "$url" --chat-send "$CHAT_MESSAGES" --chat-interval "${CHAT_INTERVAL}s" "$@"
    C[load_before]=$(cut -d' ' -f1-3 /proc/loadavg)
    if [ "$mode" = stoa ]; then dumps=$WORK/$label-threads.txt; : >"$dumps"; fi
    run_sender "$CHAT_MESSAGES" "${C[subscribed]}" $(( CHAT_MESSAGES * CHAT_INTERVAL + 120 )) "$([ -n "$dumps" ] && echo "$pid")" "$dumps"
    C[load_after]=$(cut -d' ' -f1-3 /proc/loadavg)
    if [ -n "$dumps" ]; then
        mkdir -p "$RESULTS_DIR"
        C[dumps]=$RESULTS_DIR/chat-threads-$(date +%F-%H%M)-$label.txt
        summarize_dumps "$dumps" >"${C[dumps]}"
    fi
    stop_sender "$array"
    stop_generators "$array"
}

# CHAT_EVENTS events in the channel (inserted with SQL), then CHAT_FETCHES chat.fetch of 25 by the sender.
chat_fetch() { # RESULT_ARRAY URL [generator options...]
    local -n F=$1
    local array=$1 url=$2 t0 max
    shift 2
    t0=$(now_ms)
    pg_sql "INSERT INTO chat_channels (id, world_id, room_id) VALUES ('$CHANNEL', '$WORLD', '$CHANNEL') ON CONFLICT DO NOTHING;
        INSERT INTO chat_events (channel_id, timestamp, sender, event_type, content)
            SELECT '$CHANNEL', now() - ($CHAT_EVENTS - g) * interval '1 second',
                   (SELECT user_id FROM chat_memberships WHERE channel_id = '$CHANNEL' LIMIT 1), 'channel.message',
                   jsonb_build_object('type', 'text', 'body', 'seeded message number ' || g || ', about as long as a chat line is')
            FROM generate_series(1, $CHAT_EVENTS) g;
        ANALYZE chat_events;" >/dev/null || die "could not insert $CHAT_EVENTS chat events"
    max=$(pg_sql "SELECT max(id) FROM chat_events")
    F[events]=$(pg_sql "SELECT count(*) FROM chat_events WHERE channel_id = '$CHANNEL'")
    F[seed_s]=$(( ($(now_ms) - t0) / 1000 ))
    log "fetch: ${F[events]} events in the channel (inserted in ${F[seed_s]} s), newest id $max"
    # one every 60 ms at most: Stoa drops a socket's messages beyond 20 a second (bursts of 100)
    start_sender fetch stoa "$url" --chat-fetch "$CHAT_FETCHES" --chat-fetch-before "$max" --chat-interval 60ms "$@"
    F[load_before]=$(cut -d' ' -f1-3 /proc/loadavg)
    run_sender "$CHAT_FETCHES" 0 $(( CHAT_FETCHES / 10 + 120 ))
    F[load_after]=$(cut -d' ' -f1-3 /proc/loadavg)
    stop_sender "$array"
}

declare -A CHAT CHAT_E CHAT_F CHAT3
scenario_chat() {
    log "=== chat: $N1 subscribers of one channel on one Stoa node, $CHAT_MESSAGES messages; fetch with $CHAT_EVENTS events; then the echo server"
    local http url auth
    copy_assembly
    NODE_DIR=$(node_setup chat 0)
    node_start "$NODE_DIR"
    create_world "$NODE_DIR"
    node_pg "$NODE_DIR"
    create_chat_room
    read -r _ http _ _ <<<"$(node_ports 0)"
    url="ws://127.0.0.1:$http/ws/world/$WORLD/"
    auth=(--secret "$SECRET" --issuer "$ISSUER" --audience "$AUDIENCE")
    warm_up CHAT chat stoa "${auth[@]}" -- "$url"
    chat_broadcast CHAT chat stoa "$(jvm_pid "$NODE_DIR")" "$url" "${auth[@]}"
    chat_fetch CHAT_F "$url" "${auth[@]}"
    stop_node "$NODE_DIR"

    start_echo chat
    url="ws://127.0.0.1:$ECHO_PORT/ws/world/$WORLD/"
    warm_up CHAT_E chat-echo echo -- "$url"
    chat_broadcast CHAT_E chat-echo echo "$ECHO_PID" "$url"
    stop_echo
}

scenario_chat3() {
    log "=== chat3: $N3 subscribers of one channel over three Stoa nodes, $CHAT3_MESSAGES messages from node A"
    local a b c urls=() k http auth
    copy_assembly
    a=$(node_setup chat3-a 0); b=$(node_setup chat3-b 1); c=$(node_setup chat3-c 2)
    start_three_nodes "$a" "$b" "$c"
    create_world "$a"
    create_chat_room
    for k in 0 1 2; do read -r _ http _ _ <<<"$(node_ports $k)"; urls+=("ws://127.0.0.1:$http/ws/world/$WORLD/"); done
    auth=(--secret "$SECRET" --issuer "$ISSUER" --audience "$AUDIENCE")
    WARMUP=$((WARMUP * 3)) warm_up CHAT3 chat3 stoa "${auth[@]}" -- "${urls[@]}"
    start_generators chat3 stoa "$N3" "$RAMP" --chat-channel "$CHANNEL" "${auth[@]}" -- "${urls[@]}"
    wait_ramp $(( N3 / RAMP + RAMP_SLACK )) || CHAT3[ramp_incomplete]=1
    wait_subscribed 180 || CHAT3[subscribe_incomplete]=1
    hold_for "$CHAT_IDLE" "$(jvm_pid "$a")" "$(jvm_pid "$b")" "$(jvm_pid "$c")"
    CHAT3[subscribed]=$(gen_sum chat_ready)
    start_sender chat3 stoa "${urls[0]}" --chat-send "$CHAT3_MESSAGES" --chat-interval "${CHAT_INTERVAL}s" "${auth[@]}"
    CHAT3[load_before]=$(cut -d' ' -f1-3 /proc/loadavg)
    # thread dumps of node B: what a node that did not take the send does with the event it hears of
    run_sender "$CHAT3_MESSAGES" "${CHAT3[subscribed]}" $(( CHAT3_MESSAGES * CHAT_INTERVAL + 120 )) "$(jvm_pid "$b")" "$WORK/chat3-b-threads.txt"
    CHAT3[load_after]=$(cut -d' ' -f1-3 /proc/loadavg)
    mkdir -p "$RESULTS_DIR"
    CHAT3[dumps]=$RESULTS_DIR/chat-threads-$(date +%F-%H%M)-chat3-b.txt
    summarize_dumps "$WORK/chat3-b-threads.txt" >"${CHAT3[dumps]}"
    stop_sender CHAT3
    stop_generators CHAT3
    for k in "$c" "$b" "$a"; do stop_node "$k"; done
}

# --- run -----------------------------------------------------------------------------------------------

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
sample_foreign
for s in $SCENARIOS; do "scenario_$s"; done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report --------------------------------------------------------------------------------------------

ran() { [[ "$(declare -p "$1" 2>/dev/null)" == *"["* ]]; }   # the array named $1 has entries
col() { # ARRAY EXPRESSION...: the expression's text if the scenario ran, else "not run"
    local name=$1; shift
    if ran "$name"; then "$@"; else echo "not run"; fi
}
pct_off() { awk -v l="$1" -v t="$2" 'BEGIN {if (t > 0 && l != "") printf "%+.2f %%", (l - t) * 100 / t; else printf "n/a"}'; }
secs_between() { awk -v a="$1" -v b="$2" 'BEGIN {if (a > 0 && b > 0) printf "%.2f s", (b - a) / 1000; else printf "n/a"}'; }

hold_cell() { # ARRAY FIELD
    local -n H=$1
    case $2 in
        clients) echo "${H[authenticated_total]} authenticated of ${H[target]} (${H[max_authenticated]} at once); held at end: ${H[true_count]} (${H[established]} sockets established)${H[ramp_incomplete]:+; the ramp did not finish}" ;;
        failed) echo "${H[failed_total]}: ${H[failed]}" ;;
        ramp) echo "${H[ramp_seconds]} s (${H[auth_rate_per_s]} authentications/s)" ;;
        timeouts) echo "${H[ping_timeouts]} (of ${H[pings_sent]} pings; ${H[pongs]} pongs)" ;;
        rtt) echo "${H[ping_rtt_p50_ms]} / ${H[ping_rtt_p99_ms]} / ${H[ping_rtt_max_ms]} ms" ;;
        auth) echo "${H[auth_latency_p50_ms]} / ${H[auth_latency_p99_ms]} / ${H[auth_latency_max_ms]} ms" ;;
        closed) echo "${H[closed_by_server]}" ;;
        rss) echo "$(mib "${H[rss_idle]}") → $(mib "${H[rss_loaded]}")" ;;
        rss_per) per_conn "${H[rss_idle]}" "${H[rss_loaded]}" "${H[true_count]}" ;;
        heap) echo "$(mib "${H[heap_idle]}") → $(mib "${H[heap_loaded]}")" ;;
        heap_per) per_conn "${H[heap_idle]}" "${H[heap_loaded]}" "${H[true_count]}" ;;
        fds) echo "${H[fds_peak]} (limit $FD_LIMIT)" ;;
        warm) if [ -n "${H[warm_in]:-}" ]; then echo "${H[warm_in]} clients in at ${H[warm_rate]}/s (the cold rate), then closed"; else echo "none"; fi ;;
        gen) echo "$(kib "${H[generator_heap_per_connection_bytes]}") heap, $(kib "${H[generator_rss_per_connection_bytes]}") RSS; largest generator RSS $(mib "${H[generator_rss_max_kb]}")" ;;
    esac
}

three_echo_clients() { echo "${THREE_E[authenticated_total]} authenticated of ${THREE_E[target]} (${THREE_E[max_authenticated]} at once); held at end: ${THREE_E[true_count]}${THREE_E[ramp_incomplete]:+; the ramp did not finish}"; }
three_echo_rss() { echo "$(mib "${THREE_E[rss_0]}") / $(mib "${THREE_E[rss_1]}") / $(mib "${THREE_E[rss_2]}")"; }
auth_cell() { # ARRAY FIELD
    local -n U=$1
    case $2 in
        clients) echo "${U[authenticated_total]} of ${U[target]}" ;;
        failed) echo "${U[failed_total]}: ${U[failed]}" ;;
        rate) echo "${U[auth_rate_per_s]}/s over ${U[ramp_seconds]} s" ;;
        latency) echo "${U[auth_latency_p50_ms]} / ${U[auth_latency_p99_ms]} / ${U[auth_latency_max_ms]} ms" ;;
        connect) echo "${U[connect_latency_p50_ms]} / ${U[connect_latency_p99_ms]} ms" ;;
        warm) if [ -n "${U[warm_in]:-}" ]; then echo "${U[warm_in]} clients in at ${U[warm_rate]}/s (the cold rate), then closed"; else echo "none"; fi ;;
    esac
}

met() { awk -v v="$1" -v t="$2" 'BEGIN {if (v == "" || v == "n/a") print "n/a"; else if (v + 0 <= t + 0) print "met"; else print "**not met**"}'; }
chat_cell() { # ARRAY FIELD
    local -n H=$1
    case $2 in
        subscribed) echo "${H[subscribed]} of ${H[target]}${H[ramp_incomplete]:+; the ramp did not finish}${H[subscribe_incomplete]:+; not all subscribed}" ;;
        failed) echo "${H[failed_total]}: ${H[failed]}; errors after authentication: ${H[errors_after_auth]}" ;;
        sent) echo "${H[sender_chat_sent]} sent, ${H[sender_chat_replies]} answered, ${H[chat_messages_seen]} received" ;;
        reach) echo "${H[chat_fewest_deliveries]} of ${H[subscribed]} subscribers$( [ "${H[chat_fewest_deliveries]}" = "${H[subscribed]}" ] && echo " (all)")" ;;
        last) echo "${H[chat_last_delivery_p50_ms]} / ${H[chat_last_delivery_p99_ms]} / ${H[chat_last_delivery_max_ms]} ms" ;;
        first) echo "${H[chat_first_delivery_p50_ms]} ms" ;;
        reply) echo "${H[sender_chat_reply_p50_ms]} / ${H[sender_chat_reply_p99_ms]} / ${H[sender_chat_reply_max_ms]} ms" ;;
        heap) echo "$(mib "${H[heap_idle]}") → $(mib "${H[heap_loaded]}")" ;;
        heap_per) per_conn "${H[heap_idle]}" "${H[heap_loaded]}" "${H[subscribed]}" ;;
        rss_per) per_conn "${H[rss_idle]}" "${H[rss_loaded]}" "${H[subscribed]}" ;;
        timeouts) echo "${H[ping_timeouts]} (of ${H[pings_sent]} pings); RTT p50 / p99 ${H[ping_rtt_p50_ms]} / ${H[ping_rtt_p99_ms]} ms" ;;
        load) echo "${H[load_before]} → ${H[load_after]}" ;;
        warm) if [ -n "${H[warm_in]:-}" ]; then echo "${H[warm_in]} clients in at ${H[warm_rate]}/s (the cold rate), then closed"; else echo "none"; fi ;;
    esac
}
per_conn_kib() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {if (n > 0 && a != "" && b != "") printf "%.1f", (b-a)/n; else print "n/a"}'; }

java_version=$("$JAVA_BIN" -version 2>&1 | sed -n '1p;3p' | paste -sd ';' - | sed 's/;/; /')
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
date_iso=$(date +%F)

{
    echo "### WebSocket benchmark, $date_iso"
    echo
    echo "- Machine: $(nproc) CPUs (${cpu:-unknown CPU}), $mem_total RAM, $(uname -sr); open files per process: $FD_LIMIT"
    echo "- JVM: $java_version"
    echo "- Scenarios: $SCENARIOS; HOLD $HOLD s, ramp $RAMP clients/s (auth: $AUTH_RAMP/s, at most $MAX_PENDING pending), pings every $PING_INTERVAL s, timeout $PING_TIMEOUT s"
    (( NEEDS_STOA )) && echo "- Stoa: $STOA_INFO, heap $STOA_HEAP (STOA_MAX_HEAP); echo server: Jetty 9.4.58 (benchmarks/ws EchoServer), heap $ECHO_HEAP, G1"
    (( NEEDS_STOA )) || echo "- Echo server: Jetty 9.4.58 (benchmarks/ws EchoServer), heap $ECHO_HEAP, G1"
    echo "- Generators: benchmarks/ws LoadGenerator, at least $GEN_PROCS processes, heap $GEN_HEAP each, serial GC, C1 JIT only (-XX:TieredStopAtLevel=1)"
    echo "- Other load: load average $LOAD_START at the start, $LOAD_END at the end; other Java processes seen during the run: at most $FOREIGN_MAX"
    if ran ECHO1 || ran ONE; then
        echo
        echo "#### One node, $N1 clients held $HOLD s"
        echo
        echo "| Measure | Stoa, one node | Jetty echo |"
        echo "|---|---|---|"
        for f in "warm:Warm-up first" "clients:Clients" "failed:Failed (reason)" "ramp:Ramp (first connect to last authenticated)" \
                 "timeouts:Ping timeouts (> $PING_TIMEOUT s)" "rtt:Ping RTT p50 / p99 / max" "auth:Authentication latency p50 / p99 / max" \
                 "closed:Closed by the server (close code)" "rss:Server RSS idle → with the clients (after GC.run)" \
                 "rss_per:RSS per idle connection" "heap:Server heap after GC idle → with the clients" \
                 "heap_per:Heap per idle connection" "fds:Server open files at most" "gen:Generator memory per connection"; do
            echo "| ${f#*:} | $(col ONE hold_cell ONE "${f%%:*}") | $(col ECHO1 hold_cell ECHO1 "${f%%:*}") |"
        done
        if ran ONE; then
            echo "| connections:list (true count) | ${ONE[list_total]} (${ONE[true_count]}; $(pct_off "${ONE[list_total]}" "${ONE[true_count]}")), answered in ${ONE[list_ms]} ms | – |"
        fi
    fi
    if ran AUTH_E || ran AUTH_S; then
        echo
        echo "#### Authentication rate: $N_AUTH first logins, ramp up to $AUTH_RAMP/s$([ "$AUTH_CLOSE" = 1 ] && echo ", each closed after its authentication")"
        echo
        echo "| Measure | Stoa, one node | Jetty echo |"
        echo "|---|---|---|"
        for f in "warm:Warm-up first" "clients:Authenticated" "failed:Failed (reason)" "rate:Sustained authentications/s" \
                 "latency:Authentication latency p50 / p99 / max" "connect:Connect + upgrade p50 / p99"; do
            echo "| ${f#*:} | $(col AUTH_S auth_cell AUTH_S "${f%%:*}") | $(col AUTH_E auth_cell AUTH_E "${f%%:*}") |"
        done
    fi
    if ran THREE; then
        echo
        echo "#### Three nodes on one PostgreSQL, $N3 clients held $HOLD s, then connections:force-reload on node A"
        echo
        echo "| Measure | Stoa, three nodes | Jetty echo, three servers |"
        echo "|---|---|---|"
        echo "| Warm-up first | $(hold_cell THREE warm) | $(col THREE_E hold_cell THREE_E warm) |"
        echo "| Clients | ${THREE[authenticated_total]} authenticated of ${THREE[target]} (${THREE[max_authenticated]} at once); held before the reload: ${THREE[true_count]}${THREE[ramp_incomplete]:+; the ramp did not finish} | $(col THREE_E three_echo_clients) |"
        echo "| Sockets per node (A / B / C) | ${THREE[established_0]} / ${THREE[established_1]} / ${THREE[established_2]} | – |"
        echo "| Failed (reason) | ${THREE[failed_total]}: ${THREE[failed]} | $(col THREE_E hold_cell THREE_E failed) |"
        echo "| Ramp | $(hold_cell THREE ramp) | $(col THREE_E hold_cell THREE_E ramp) |"
        echo "| Ping timeouts (> $PING_TIMEOUT s) | $(hold_cell THREE timeouts) | $(col THREE_E hold_cell THREE_E timeouts) |"
        echo "| Ping RTT p50 / p99 / max | $(hold_cell THREE rtt) | $(col THREE_E hold_cell THREE_E rtt) |"
        echo "| Authentication latency p50 / p99 / max | $(hold_cell THREE auth) | $(col THREE_E hold_cell THREE_E auth) |"
        for k in 0 1 2; do
            echo "| connections:list on node $(echo ABC | cut -c$((k + 1))) (true total) | ${THREE[list_$k]} (${THREE[true_count]}; $(pct_off "${THREE[list_$k]}" "${THREE[true_count]}")), answered in ${THREE[list_ms_$k]} ms | – |"
        done
        echo "| force-reload: clients that received connection.reload | ${THREE[reloads]} of ${THREE[true_after_list]} held | – |"
        echo "| force-reload: command start → first / last client reached | $(secs_between "${THREE[reload_start]}" "${THREE[first_reload_epoch_ms]}") / $(secs_between "${THREE[reload_start]}" "${THREE[last_reload_epoch_ms]}") | – |"
        echo "| force-reload: command running on node A (its log line) → last client reached | $(secs_between "${THREE[reload_logged]:-}" "${THREE[last_reload_epoch_ms]}") | – |"
        echo "| force-reload: first → last client reached | $(secs_between "${THREE[first_reload_epoch_ms]}" "${THREE[last_reload_epoch_ms]}") | – |"
        echo "| force-reload: command round trip (bin/stoa, its JVM start included) | ${THREE[reload_cmd_ms]} ms; it said: ${THREE[reload_said]} | – |"
        echo "| Closed by the server (close code) | ${THREE[closed_by_server]} | $(col THREE_E hold_cell THREE_E closed) |"
        echo "| Server RSS A / B / C (with the clients) | $(mib "${THREE[rss_0]}") / $(mib "${THREE[rss_1]}") / $(mib "${THREE[rss_2]}") | $(col THREE_E three_echo_rss) |"
        echo "| Node open files A / B / C | ${THREE[fds_0]} / ${THREE[fds_1]} / ${THREE[fds_2]} (limit $FD_LIMIT) | – |"
    fi
    if ran CHAT || ran CHAT_E; then
        echo
        echo "#### Chat, one node: $N1 subscribers of one channel, $CHAT_MESSAGES messages ${CHAT_INTERVAL} s apart"
        echo
        echo "| Measure | Stoa, one node | Jetty echo broadcast | Target |"
        echo "|---|---|---|---|"
        echo "| Warm-up first | $(col CHAT chat_cell CHAT warm) | $(col CHAT_E chat_cell CHAT_E warm) | |"
        echo "| Subscribed clients | $(col CHAT chat_cell CHAT subscribed) | $(col CHAT_E chat_cell CHAT_E subscribed) | |"
        echo "| Failed (reason) | $(col CHAT chat_cell CHAT failed) | $(col CHAT_E chat_cell CHAT_E failed) | |"
        echo "| Messages | $(col CHAT chat_cell CHAT sent) | $(col CHAT_E chat_cell CHAT_E sent) | |"
        echo "| Fewest subscribers one message reached | $(col CHAT chat_cell CHAT reach) | $(col CHAT_E chat_cell CHAT_E reach) | all |"
        echo "| chat.send → last delivery p50 / p99 / max | $(col CHAT chat_cell CHAT last) | $(col CHAT_E chat_cell CHAT_E last) | p99 ≤ 1000 ms: $(col CHAT met "${CHAT[chat_last_delivery_p99_ms]:-}" 1000) |"
        echo "| chat.send → first delivery p50 | $(col CHAT chat_cell CHAT first) | $(col CHAT_E chat_cell CHAT_E first) | |"
        echo "| Sender's chat.send reply p50 / p99 / max | $(col CHAT chat_cell CHAT reply) | $(col CHAT_E chat_cell CHAT_E reply) | p99 ≤ 100 ms: $(col CHAT met "${CHAT[sender_chat_reply_p99_ms]:-}" 100) |"
        echo "| Server heap after GC idle → with the subscribers | $(col CHAT chat_cell CHAT heap) | $(col CHAT_E chat_cell CHAT_E heap) | |"
        echo "| Heap per idle subscribed connection | $(col CHAT chat_cell CHAT heap_per) | $(col CHAT_E chat_cell CHAT_E heap_per) | ≤ 12 KiB: $(col CHAT met "$(per_conn_kib "${CHAT[heap_idle]:-}" "${CHAT[heap_loaded]:-}" "${CHAT[subscribed]:-0}")" 12) |"
        echo "| RSS per idle subscribed connection | $(col CHAT chat_cell CHAT rss_per) | $(col CHAT_E chat_cell CHAT_E rss_per) | |"
        echo "| Ping timeouts (> $PING_TIMEOUT s) | $(col CHAT chat_cell CHAT timeouts) | $(col CHAT_E chat_cell CHAT_E timeouts) | |"
        echo "| Load average before → after the messages | $(col CHAT chat_cell CHAT load) | $(col CHAT_E chat_cell CHAT_E load) | |"
        echo "| Per message (number:deliveries/ms to the last) | $(col CHAT echo "${CHAT[chat_each]:-}") | $(col CHAT_E echo "${CHAT_E[chat_each]:-}") | |"
        ran CHAT && echo "| Thread dumps of the node while it delivered | ${CHAT[dumps]#$SCRIPT_DIR/} | – | |"
    fi
    if ran CHAT_F; then
        echo
        echo "#### Chat history: chat.fetch of 25 events, $CHAT_FETCHES pages one after the other, each before a random id"
        echo
        echo "| Measure | Stoa, one node | Target |"
        echo "|---|---|---|"
        echo "| Events in the channel | ${CHAT_F[events]} (inserted with SQL in ${CHAT_F[seed_s]} s) | 1,000,000 |"
        echo "| Fetches answered | ${CHAT_F[sender_chat_replies]} of ${CHAT_F[sender_chat_sent]} sent; errors: ${CHAT_F[sender_errors_after_auth]} | |"
        echo "| chat.fetch latency p50 / p99 / max | ${CHAT_F[sender_chat_fetch_p50_ms]} / ${CHAT_F[sender_chat_fetch_p99_ms]} / ${CHAT_F[sender_chat_fetch_max_ms]} ms | p99 ≤ 20 ms: $(met "${CHAT_F[sender_chat_fetch_p99_ms]}" 20) |"
        echo "| Load average before → after | ${CHAT_F[load_before]} → ${CHAT_F[load_after]} | |"
    fi
    if ran CHAT3; then
        echo
        echo "#### Chat, three nodes on one PostgreSQL: $N3 subscribers of one channel, $CHAT3_MESSAGES messages from node A"
        echo
        echo "| Measure | Stoa, three nodes | Target |"
        echo "|---|---|---|"
        for f in "warm:Warm-up first" "subscribed:Subscribed clients" "failed:Failed (reason)" "sent:Messages" \
                 "reach:Fewest subscribers one message reached" "first:chat.send → first delivery p50" \
                 "reply:Sender's chat.send reply p50 / p99 / max" "timeouts:Ping timeouts (> $PING_TIMEOUT s)" \
                 "load:Load average before → after the messages"; do
            echo "| ${f#*:} | $(chat_cell CHAT3 "${f%%:*}") | |"
        done
        echo "| chat.send → last delivery p50 / p99 / max | $(chat_cell CHAT3 last) | max ≤ 2000 ms: $(met "${CHAT3[chat_last_delivery_max_ms]}" 2000) |"
        echo "| Per message (number:deliveries/ms to the last) | ${CHAT3[chat_each]} | |"
        echo "| Thread dumps of node B while it delivered | ${CHAT3[dumps]#$SCRIPT_DIR/} | |"
    fi
} >"$WORK/report.md"

mkdir -p "$RESULTS_DIR"
RESULT_FILE=$RESULTS_DIR/websocket-$date_iso-$(date +%H%M).md
cp "$WORK/report.md" "$RESULT_FILE"
cat "$WORK/report.md"
log "written $RESULT_FILE"
