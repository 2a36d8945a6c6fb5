#!/usr/bin/env bash
#
# Runtime benchmark: Stoa's distribution against stock Apache Karaf 4.4.10, in the same run, for each
# of Stoa's boot profiles: full (the default) and spoke (a VM spoke only: no database).
#
#   benchmarks/startup.sh [STOA_TARBALL]
#
# Measures, in fresh unpacked copies under a temporary directory:
#   1. start to ready, first start (fresh unpack) and second start (after bin/stop, same directory):
#      wall time from invoking bin/start until the ready probe succeeds, probing every 0.2 s;
#      RUNS runs (default 3), median reported;
#   2. idle memory IDLE_WAIT seconds (default 30) after the second start is ready: VmRSS of the Karaf
#      JVM and, for Stoa, the summed VmRSS (and PSS) of its PostgreSQL processes; median over runs;
#   3. distribution size: tar.gz bytes and unpacked size (du -sk) before the first start;
#   4. command round trip: median of RT_RUNS (default 20) runs of `bin/stoa shell:echo hi` against
#      `echo 'shell:echo hi' | bin/client -b -u karaf -p karaf` (each is a fresh JVM plus an SSH login).
#
# Ready means: Stoa  - `bin/stoa db:showmigrations` exits 0 and prints " [X] 01_installation";
#              spoke - `bin/stoa spoke:status` exits 0 (the spoke's bundle is up; libvirt test:///default);
#              stock - `echo 'shell:echo ready' | bin/client -b -u karaf -p karaf` prints "ready".
#
# Environment: RUNS (3), IDLE_WAIT (30), RT_RUNS (20), READY_TIMEOUT seconds per start (300),
#              KARAF_TARBALL (stock Karaf tar.gz in ~/.m2), PORT_OFFSET_STOA (700), PORT_OFFSET_KARAF (800),
#              KEEP_WORK=1 keeps the temporary directory, VERBOSE=1 logs every ready probe.
# The table goes to stdout and to benchmarks/results/startup-<date>.md; progress goes to stderr.
# The script builds nothing and uses loopback only. Both products run one after the other, never at once.
#
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
# The one archive the last build left, whatever version it was.
STOA_TARBALL=${1:-$( (ls "$SCRIPT_DIR"/../karaf-distribution/target/stoa-distribution-*.tar.gz 2>/dev/null || echo "$SCRIPT_DIR/../karaf-distribution/target/stoa-distribution-VERSION.tar.gz") | head -n 1)}
KARAF_TARBALL=${KARAF_TARBALL:-$HOME/.m2/repository/org/apache/karaf/apache-karaf/4.4.10/apache-karaf-4.4.10.tar.gz}
RUNS=${RUNS:-3}
IDLE_WAIT=${IDLE_WAIT:-30}
RT_RUNS=${RT_RUNS:-20}
READY_TIMEOUT=${READY_TIMEOUT:-300}
PORT_OFFSET_STOA=${PORT_OFFSET_STOA:-700}
PORT_OFFSET_KARAF=${PORT_OFFSET_KARAF:-800}
RESULTS_DIR="$SCRIPT_DIR/results"

# Settings inherited from the caller's shell must not leak into either product.
unset KARAF_HOME KARAF_BASE KARAF_DATA KARAF_ETC KARAF_LOG KARAF_OPTS KARAF_NOROOT KARAF_DEBUG \
    KARAF_REDIRECT EXTRA_JAVA_OPTS JAVA_OPTS JAVA_MIN_MEM JAVA_MAX_MEM JAVA_PERM_MEM JAVA_MAX_PERM_MEM \
    STOA_MAX_HEAP JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS || true

source "$SCRIPT_DIR/lib/instances.sh"

for f in "$STOA_TARBALL" "$KARAF_TARBALL"; do
    [ -f "$f" ] || die "missing $f (Stoa: mvn -q install -Dmaven.test.skip=true; stock: mvn -q dependency:get -Dartifact=org.apache.karaf:apache-karaf:4.4.10:tar.gz)"
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
[[ "$RT_RUNS" =~ ^[1-9][0-9]*$ ]] || die "RT_RUNS must be a positive integer"
[[ "$IDLE_WAIT" =~ ^[0-9]+$ ]] || die "IDLE_WAIT must be a whole number of seconds"
command -v java >/dev/null || [ -n "${JAVA_HOME:-}" ] || die "no java on PATH and no JAVA_HOME"
JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}java

use_work stoa-bench

# --- processes -------------------------------------------------------------------------------------

pg_pids() { tree_pids "$1" postgres "$(jvm_pid "$1")"; }

# -Xmx on the command line of PID $1, or a note that the JVM default applies
max_heap() {
    local x
    x=$(tr '\0' '\n' <"/proc/$1/cmdline" | grep -E '^-Xmx' | tail -n 1 || true)
    echo "${x:-JVM default (1/4 of RAM)}"
}

status_kb() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status" 2>/dev/null || true; }
pss_kb() { awk '$1=="Pss:" {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || true; }

# --- the two products ------------------------------------------------------------------------------

# unpack PRODUCT RUN -> prints the copy's directory
unpack() {
    local product=$1 run=$2 tarball offset parent top dir p
    case $product in
        stoa | spoke) tarball=$STOA_TGZ offset=$PORT_OFFSET_STOA ;;
        *) tarball=$KARAF_TGZ offset=$PORT_OFFSET_KARAF ;;
    esac
    parent="$WORK/$product-$run"
    mkdir -p "$parent"; chmod 755 "$parent"
    tar xzf "$tarball" -C "$parent"
    top=$(ls "$parent")
    [ "$(wc -l <<<"$top")" = 1 ] || die "$tarball does not have a single top directory"
    dir="$parent/$top"
    set_prop "$dir/etc/org.apache.karaf.shell.cfg" sshPort $((8101 + offset))
    set_prop "$dir/etc/org.apache.karaf.management.cfg" rmiRegistryPort $((1099 + offset))
    set_prop "$dir/etc/org.apache.karaf.management.cfg" rmiServerPort $((44444 + offset))
    for p in $((8101 + offset)) $((1099 + offset)) $((44444 + offset)); do
        port_free "$p" || die "port $p is already in use; set PORT_OFFSET_STOA / PORT_OFFSET_KARAF"
    done
    # The spoke profile, chosen as an operator installing without environment variables would.
    [ "$product" = spoke ] && set_prop "$dir/etc/org.stoa.profile.cfg" profile spoke
    if [ "$product" = karaf ]; then
        # Stock Karaf ships its only user commented out.
        sed -i -E 's/^#[[:space:]]*(karaf[[:space:]]*=[[:space:]]*karaf,_g_:admingroup)/\1/;
                   s/^#[[:space:]]*(_g_\\:admingroup[[:space:]]*=)/\1/' "$dir/etc/users.properties"
        grep -q '^karaf = karaf,_g_:admingroup' "$dir/etc/users.properties" \
            || echo 'karaf = karaf,_g_:admingroup' >>"$dir/etc/users.properties"
        grep -q '^_g_\\:admingroup' "$dir/etc/users.properties" \
            || echo '_g_\:admingroup = group,admin,manager,viewer,systembundles,ssh' >>"$dir/etc/users.properties"
    fi
    echo "$dir"
}

# ready PRODUCT DIR: one probe, bounded
ready() {
    local out
    if [ "$1" = stoa ]; then
        out=$(cd "$2" && timeout 30 bin/stoa db:showmigrations </dev/null 2>&1) || return 1
        grep -qF ' [X] 01_installation' <<<"$out"
    elif [ "$1" = spoke ]; then
        out=$(cd "$2" && timeout 30 bin/stoa spoke:status </dev/null 2>&1) || return 1
        [ -n "$out" ]
    else
        out=$(cd "$2" && echo 'shell:echo ready' | timeout 30 bin/client -b -u karaf -p karaf 2>&1) || return 1
        grep -qE '^ready[[:space:]]*$' <<<"$out"
    fi
}

# start_to_ready PRODUCT DIR -> prints "ready_ms port_ms": milliseconds from invoking bin/start until the
# ready probe succeeds, and until the SSH port first accepts a TCP connection (a cheap watcher polling
# every 0.1 s in the background, which shows how much of the ready time is spent after the port opens)
start_to_ready() {
    local product=$1 dir=$2 t0 now ps port watcher portfile
    port=$(sed -nE 's/^[[:space:]]*sshPort[[:space:]]*=[[:space:]]*([0-9]+).*/\1/p' "$dir/etc/org.apache.karaf.shell.cfg")
    portfile=$(mktemp "$WORK/port.XXXXXX")
    t0=$(now_ms)
    (
        while (( $(now_ms) - t0 < READY_TIMEOUT * 1000 )); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo $(( $(now_ms) - t0 )) >"$portfile"; exit 0; fi
            sleep 0.1
        done
    ) >/dev/null 2>&1 </dev/null &
    watcher=$!
    echo "$watcher" >>"$WORK/watchers"
    (cd "$dir" && STOA_LIBVIRT_URI=test:///default bin/start) >/dev/null 2>&1 </dev/null || die "bin/start failed in $dir"
    while :; do
        # No JVM probe before the SSH port accepts a connection: each probe is a JVM of its own, and on
        # 2 cores the probes' start-up would take CPU from the start being measured (both products alike).
        if [ -s "$portfile" ]; then
            ps=$(now_ms)
            if ready "$product" "$dir"; then
                now=$(now_ms)
                [ "${VERBOSE:-0}" = 1 ] && log "  probe $((ps - t0))..$((now - t0)) ms: ready"
                wait "$watcher" 2>/dev/null || true
                echo "$((now - t0)) $(cat "$portfile")"
                return 0
            fi
            [ "${VERBOSE:-0}" = 1 ] && log "  probe $((ps - t0))..$(( $(now_ms) - t0 )) ms: not ready"
        fi
        now=$(now_ms)
        if (( now - t0 > READY_TIMEOUT * 1000 )); then
            tail -n 30 "$dir/data/log/karaf.log" >&2 2>/dev/null || true
            die "$product in $dir not ready after ${READY_TIMEOUT}s"
        fi
        if (( now - t0 > 20000 )) && [ -z "$(jvm_pid "$dir")" ]; then
            tail -n 30 "$dir/data/log/karaf.log" >&2 2>/dev/null || true
            die "$product in $dir: the JVM is gone"
        fi
        if [ -s "$portfile" ]; then sleep 0.2; else sleep 0.05; fi
    done
}

# stop_and_wait DIR: bin/stop, then wait (bounded) until the JVM and its PostgreSQL are gone
stop_and_wait() {
    local dir=$1 i
    (cd "$dir" && timeout 60 bin/stop) >/dev/null 2>&1 </dev/null || log "bin/stop in $dir exited non-zero"
    for i in $(seq 1 450); do [ -z "$(jvm_pid "$dir")" ] && break; sleep 0.2; done
    [ -z "$(jvm_pid "$dir")" ] || die "the JVM in $dir still runs 90 s after bin/stop"
    for i in $(seq 1 150); do [ -z "$(pg_pids "$dir")" ] && break; sleep 0.2; done
    [ -z "$(pg_pids "$dir")" ] || die "PostgreSQL from $dir still runs 30 s after the JVM exited"
}

# idle_memory PRODUCT DIR -> "jvm_rss_kb pg_rss_kb pg_pss_kb pg_count"
idle_memory() {
    local dir=$2 jvm pgs p rss=0 pss=0 n=0 v
    jvm=$(jvm_pid "$dir"); [ -n "$jvm" ] || die "no JVM for $dir"
    v=$(status_kb "$jvm" VmRSS)
    if [ "$1" = stoa ]; then
        pgs=$(pg_pids "$dir")
        for p in $pgs; do
            local r s; r=$(status_kb "$p" VmRSS); s=$(pss_kb "$p")
            [ -n "$r" ] || continue
            rss=$((rss + r)); pss=$((pss + ${s:-0})); n=$((n + 1))
        done
        (( n > 0 )) || die "no PostgreSQL processes found for $dir"
    elif [ "$1" = spoke ]; then
        [ -z "$(pg_pids "$dir")" ] && [ ! -e "$dir/data/postgres" ] || die "the spoke profile in $dir runs a database"
    fi
    echo "$v $rss $pss $n"
}

# round_trips PRODUCT DIR -> prints RT_RUNS milliseconds, one a line
round_trips() {
    local product=$1 dir=$2 i t0 out
    for i in $(seq 1 "$RT_RUNS"); do
        t0=$(now_ms)
        if [ "$product" != karaf ]; then
            out=$(cd "$dir" && timeout 30 bin/stoa shell:echo hi </dev/null 2>&1) || die "bin/stoa shell:echo hi failed: $out"
        else
            out=$(cd "$dir" && echo 'shell:echo hi' | timeout 30 bin/client -b -u karaf -p karaf 2>&1) || die "bin/client failed: $out"
        fi
        echo $(( $(now_ms) - t0 ))
        grep -qE '^hi[[:space:]]*$' <<<"$out" || die "$product round trip did not print hi: $out"
    done
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
secs() { awk -v v="$1" 'BEGIN {printf "%.1f s", v/1000}'; }
secs2() { awk -v v="$1" 'BEGIN {printf "%.2f s", v/1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f ×", a/b}'; }
mib() { awk -v v="$1" 'BEGIN {printf "%.0f MiB", v/1024}'; }
all_secs() { local v out=""; for v in "$@"; do out+="${out:+, }$(awk -v v="$v" 'BEGIN {printf "%.1f", v/1000}')"; done; echo "$out"; }
all_mib() { local v out=""; for v in "$@"; do out+="${out:+, }$(awk -v v="$v" 'BEGIN {printf "%.0f", v/1024}')"; done; echo "$out"; }

# --- measurement -----------------------------------------------------------------------------------

# Measure private copies: a rebuild during the run must not change what is measured.
log "copying the tarballs into the work directory"
STOA_BUILT=$(date -r "$STOA_TARBALL" '+%F %H:%M')
cp "$STOA_TARBALL" "$WORK/stoa.tar.gz"; cp "$KARAF_TARBALL" "$WORK/karaf.tar.gz"
STOA_TGZ="$WORK/stoa.tar.gz" KARAF_TGZ="$WORK/karaf.tar.gz"
STOA_SHA=$(sha256sum "$STOA_TGZ" | cut -c1-12)
tar tzf "$STOA_TGZ" >/dev/null || die "$STOA_TARBALL is not a readable tar.gz (being rebuilt?)"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
sample_foreign
declare -A FIRST SECOND FIRSTPORT SECONDPORT JVMRSS UNPACKED RT HEAP
PRODUCTS="stoa spoke karaf"
for product in $PRODUCTS; do
    FIRST[$product]=""; SECOND[$product]=""; FIRSTPORT[$product]=""; SECONDPORT[$product]=""; JVMRSS[$product]=""
done
PGRSS_ALL="" PGPSS_ALL="" PGN_LAST=0

for run in $(seq 1 "$RUNS"); do
    for product in $PRODUCTS; do
        log "run $run/$RUNS: $product: unpacking"
        dir=$(unpack "$product" "$run")
        STARTED_DIRS+=("$dir")
        UNPACKED[$product]=$(du -sk "$dir" | cut -f1)

        out=$(start_to_ready "$product" "$dir"); read -r ms pms <<<"$out"; sample_foreign
        FIRST[$product]+="$ms "; FIRSTPORT[$product]+="$pms "
        log "run $run/$RUNS: $product: first start ready in $(secs "$ms") (SSH port open at $(secs "$pms"))"
        stop_and_wait "$dir"

        out=$(start_to_ready "$product" "$dir"); read -r ms pms <<<"$out"; sample_foreign
        SECOND[$product]+="$ms "; SECONDPORT[$product]+="$pms "
        log "run $run/$RUNS: $product: second start ready in $(secs "$ms") (SSH port open at $(secs "$pms")); idling ${IDLE_WAIT}s"
        sleep "$IDLE_WAIT"
        sample_foreign
        HEAP[$product]=$(max_heap "$(jvm_pid "$dir")")
        mem=$(idle_memory "$product" "$dir"); read -r jr pr pss_v pn <<<"$mem"
        JVMRSS[$product]+="$jr "
        if [ "$product" = stoa ]; then PGRSS_ALL+="$pr "; PGPSS_ALL+="$pss_v "; PGN_LAST=$pn; fi
        log "run $run/$RUNS: $product: JVM RSS $(mib "$jr")$([ "$product" = stoa ] && echo ", PostgreSQL RSS $(mib "$pr") / PSS $(mib "$pss_v") in $pn processes")"

        if [ "$run" = "$RUNS" ]; then
            log "run $run/$RUNS: $product: $RT_RUNS command round trips"
            RT[$product]=$(round_trips "$product" "$dir" | tr '\n' ' ')
        fi
        sample_foreign
        stop_and_wait "$dir"
        rm -rf "$WORK/$product-$run"
    done
done

# --- report ----------------------------------------------------------------------------------------

# shellcheck disable=SC2086
{
    rt_s=$(median ${RT[stoa]}); rt_k=$(median ${RT[karaf]})
    f_s=$(median ${FIRST[stoa]}); f_k=$(median ${FIRST[karaf]})
    fp_s=$(median ${FIRSTPORT[stoa]}); fp_k=$(median ${FIRSTPORT[karaf]})
    sp_s=$(median ${SECONDPORT[stoa]}); sp_k=$(median ${SECONDPORT[karaf]})
    s_s=$(median ${SECOND[stoa]}); s_k=$(median ${SECOND[karaf]})
    m_s=$(median ${JVMRSS[stoa]}); m_k=$(median ${JVMRSS[karaf]})
    f_p=$(median ${FIRST[spoke]}); s_p=$(median ${SECOND[spoke]}); m_p=$(median ${JVMRSS[spoke]}); rt_p=$(median ${RT[spoke]})
    fp_p=$(median ${FIRSTPORT[spoke]}); sp_p=$(median ${SECONDPORT[spoke]})
    pg_r=$(median $PGRSS_ALL); pg_p=$(median $PGPSS_ALL)
}
tgz_s=$(stat -c %s "$STOA_TGZ"); tgz_k=$(stat -c %s "$KARAF_TGZ")
java_version=$("$JAVA_BIN" -version 2>&1 | sed -n '1p;3p' | paste -sd ';' - | sed 's/;/; /')
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
date_iso=$(date +%F)

report=$(cat <<EOF
### Startup benchmark, $date_iso

- Machine: $(nproc) CPUs (${cpu:-unknown CPU}), $mem_total RAM, $(uname -sr)
- JVM: $java_version
- Stoa: $(basename "$STOA_TARBALL") (sha256 $STOA_SHA…, built $STOA_BUILT); stock: $(basename "$KARAF_TARBALL") (karaf user enabled, nothing else changed)
- $RUNS runs, fresh unpack each; idle memory $IDLE_WAIT s after the second start; $RT_RUNS round trips
- Other load: load average $LOAD_START at the start, $LOAD_END at the end; other Java processes seen during the run: at most $FOREIGN_MAX

| Measure | Stoa, profile full | Stoa, profile spoke | Stock Karaf 4.4.10 |
|---|---|---|---|
| First start to ready (fresh unpack), median [runs] | $(secs "$f_s") [$(all_secs ${FIRST[stoa]})] | $(secs "$f_p") [$(all_secs ${FIRST[spoke]})] | $(secs "$f_k") [$(all_secs ${FIRST[karaf]})] |
| First start ÷ stock Karaf's first start (medians; targets 1.3 full, 1.1 spoke) | $(ratio "$f_s" "$f_k") | $(ratio "$f_p" "$f_k") | 1 |
| Second start to ready (after bin/stop), median [runs] | $(secs "$s_s") [$(all_secs ${SECOND[stoa]})] | $(secs "$s_p") [$(all_secs ${SECOND[spoke]})] | $(secs "$s_k") [$(all_secs ${SECOND[karaf]})] |
| SSH port first accepts TCP, first start / second start, median | $(secs "$fp_s") / $(secs "$sp_s") | $(secs "$fp_p") / $(secs "$sp_p") | $(secs "$fp_k") / $(secs "$sp_k") |
| Idle RSS, Karaf JVM, median [runs] | $(mib "$m_s") [$(all_mib ${JVMRSS[stoa]})] | $(mib "$m_p") [$(all_mib ${JVMRSS[spoke]})] | $(mib "$m_k") [$(all_mib ${JVMRSS[karaf]})] |
| Idle RSS, PostgreSQL (summed over its $PGN_LAST processes in the last run), median [runs] | $(mib "$pg_r") [$(all_mib $PGRSS_ALL)] | none (no database) | – |
| Idle PSS, PostgreSQL (shared pages split), median | $(mib "$pg_p") | – | – |
| Max heap of the Karaf JVM | ${HEAP[stoa]} | ${HEAP[spoke]} | ${HEAP[karaf]} |
| tar.gz size | $(awk -v v="$tgz_s" 'BEGIN {printf "%.1f MiB", v/1048576}') | (the same tarball) | $(awk -v v="$tgz_k" 'BEGIN {printf "%.1f MiB", v/1048576}') |
| Unpacked size before first start (du -sk) | $(mib "${UNPACKED[stoa]}") | $(mib "${UNPACKED[spoke]}") | $(mib "${UNPACKED[karaf]}") |
| Command round trip, median of $RT_RUNS | $(secs2 "$rt_s") (\`bin/stoa shell:echo hi\`) | $(secs2 "$rt_p") | $(secs2 "$rt_k") (\`bin/client -b\`, \`shell:echo hi\`) |
EOF
)

mkdir -p "$RESULTS_DIR"
printf '%s\n' "$report" | tee "$RESULTS_DIR/startup-$date_iso.md"
log "written $RESULTS_DIR/startup-$date_iso.md"
