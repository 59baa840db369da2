#!/bin/bash
# slurm_cluster_test.sh - contrib/slurm on a real one-node Slurm cluster
#
# Usage: slurm_cluster_test.sh RISKSCOPE MAKE_REPORT_FIXTURES SOURCE_ROOT
#
# Starts munged, slurmctld and slurmd as root on this machine only: every
# address is 127.0.0.1, the ports are free ones picked now, the key, state,
# spool, logs and sockets live in a fresh temporary folder, and the plugins
# are the ones a container has (proctrack/linuxproc, task/none, no cgroups,
# no accounting). Then it runs contrib/slurm/submit.sh --wait: a job array of
# 4 tasks over the corpus PDFs ($RISKSCOPE_CORPUS; generated filings when it
# is absent), each `riskscope analyze --shard K/4`, and the merge job that
# depends on them (afterok). It checks that
#   - every task completed, and the shards partition the list;
#   - the merged database's export (JSON: filings, risk factors, tags,
#     evidence, regulations) equals that of one `riskscope analyze` of the
#     same list, ids and analysis times aside.
# The daemons are stopped (by their pids) on every way out, failure and
# signals included.
#
# Exit 77 (meson's skip) with the reason when Slurm cannot run here: not
# root, packages missing (tools/setup.sh --tests installs them), or the
# daemons do not come up.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

exe=$(realpath "$1")
make_fixtures=$2
root=$(realpath "$3")
shards=4
deadline=${RSK_SLURM_TIMEOUT:-1500}   # seconds for the jobs to finish

skip() {
  echo "SKIP: $*"
  exit 77
}

[ "$(id -u)" -eq 0 ] || skip "not root: the test starts munged, slurmctld and slurmd itself"
for tool in munged munge slurmctld slurmd sbatch scontrol sinfo python3 timeout; do
  command -v "$tool" >/dev/null 2>&1 ||
    skip "$tool not installed (tools/setup.sh --tests installs slurmctld slurmd slurm-client munge)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/rsk-slurm-XXXXXX")
chmod 755 "$work"   # munged wants its socket's folders searchable by all
child=

# Runs a long command in the background and waits for it, so that a
# SIGTERM (meson's timeout) runs the trap at once instead of after it.
run_waiting() {
  "$@" &
  child=$!
  local status=0
  wait "$child" || status=$?
  child=
  return "$status"
}

stop_daemons() {
  # Jobs first, so no slurmstepd outlives the cluster; then each daemon we
  # started, by the pid it wrote.
  if [ -f "$work/slurm.conf" ]; then
    SLURM_CONF=$work/slurm.conf timeout 10 scancel --quiet --user=root \
      --partition=rsk 2>/dev/null || true
    sleep 1
  fi
  for name in slurmd slurmctld munged; do
    pid=$(cat "$work/run/$name.pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 50); do
    alive=0
    for name in slurmd slurmctld munged; do
      pid=$(cat "$work/run/$name.pid" 2>/dev/null || true)
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=1
    done
    [ "$alive" -eq 0 ] && break
    sleep 0.2
  done
  for name in slurmd slurmctld munged; do
    pid=$(cat "$work/run/$name.pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  done
}
cleanup() {
  status=$?
  trap - EXIT INT TERM
  [ -z "$child" ] || kill "$child" 2>/dev/null || true
  stop_daemons
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    for log in "$work"/log/*.log; do
      [ -f "$log" ] || continue
      echo "--- last lines of $log"
      tail -n 15 "$log"
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# ------------------------------------------------------------- the cluster
mkdir -p "$work/munge" "$work/run" "$work/log" "$work/ctld" "$work/spool" "$work/out"
chmod 700 "$work/munge"
chmod 755 "$work/run"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$work/munge/munge.key"
socket=$work/run/munge.sock
munged --key-file="$work/munge/munge.key" --socket="$socket" \
  --pid-file="$work/run/munged.pid" --log-file="$work/log/munged.log" \
  --seed-file="$work/munge/munged.seed" ||
  skip "munged does not start here: $(tail -n 1 "$work/log/munged.log" 2>/dev/null)"
munge -S "$socket" -n | unmunge -S "$socket" >/dev/null ||
  skip "munge credentials do not round-trip here"

# Two free ports on 127.0.0.1, picked by the kernel.
read -r ctld_port slurmd_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s:
    x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
cpus=$(nproc)
mem_mb=$(awk '/^MemTotal:/ {printf "%d", $2 / 1024 * 0.8}' /proc/meminfo)
cat >"$work/slurm.conf" <<EOF
ClusterName=rsktest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
MinJobAge=3600
NodeName=rsknode NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=rsk Nodes=rsknode Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$work/slurm.conf
slurmctld -f "$SLURM_CONF" || skip "slurmctld does not start here: $(tail -n 2 "$work/log/slurmctld.log" 2>/dev/null)"
slurmd -f "$SLURM_CONF" -N rsknode || skip "slurmd does not start here: $(tail -n 2 "$work/log/slurmd.log" 2>/dev/null)"
up=
for _ in $(seq 1 60); do
  state=$(sinfo --noheader --nodes=rsknode --format=%T 2>/dev/null || true)
  case $state in idle*|mixed*|allocated*) up=1; break ;; esac
  sleep 1
done
[ -n "$up" ] || skip "the Slurm node did not become idle in 60 s (state: ${state:-none}): $(tail -n 2 "$work/log/slurmd.log" 2>/dev/null)"
echo "cluster: slurmctld on 127.0.0.1:$ctld_port, slurmd on 127.0.0.1:$slurmd_port, $cpus CPUs, node $state"

# --------------------------------------------------------------- the batch
list=$work/files.list
corpus=${RISKSCOPE_CORPUS:-}
if [ -n "$corpus" ] && [ -d "$corpus" ] && ls "$corpus"/*.pdf >/dev/null 2>&1; then
  find "$(realpath "$corpus")" -maxdepth 1 -name '*.pdf' | sort >"$list"
  echo "batch: $(wc -l <"$list") PDFs of $corpus"
else
  mkdir -p "$work/fixtures"
  "$make_fixtures" "$work/fixtures" >/dev/null
  find "$work/fixtures" -name '*.pdf' | sort >"$list"
  echo "batch: $(wc -l <"$list") generated filings (no corpus at ${corpus:-\$RISKSCOPE_CORPUS})"
fi
total=$(wc -l <"$list")

# ---------------------------------------------------------- job array, merge
export RISKSCOPE=$exe
started=$(date +%s)
submit_status=0
run_waiting timeout "$deadline" "$root/contrib/slurm/submit.sh" --shards "$shards" \
  --wait "$list" "$work/out" -- --partition=rsk --cpus-per-task=1 --mem=1G \
  --time=60 >"$work/submit.txt" 2>&1 || submit_status=$?
echo "jobs: done in $(( $(date +%s) - started )) s, submit.sh --wait exit status $submit_status"
array=$(sed -n 's/.*job array \([0-9]*\).*/\1/p' "$work/submit.txt")
merge=$(sed -n 's/^Submitted batch job \([0-9]*\).*/\1/p' "$work/submit.txt")

echo "tasks:"
for k in $(seq 1 "$shards"); do
  info=$(scontrol show job "${array}_$k" 2>/dev/null | tr ' ' '\n' |
    grep -E '^(JobState|ExitCode|NodeList|RunTime)=' | tr '\n' ' ')
  stored=$(sed -n 's/^riskscope-analyze: task .* of .*: \(.* files stored\).*/\1/p' \
    "$work"/out/logs/analyze-"${array}"_"$k".out 2>/dev/null)
  shard_note=$(grep -h '^riskscope: shard' "$work"/out/logs/analyze-"${array}"_"$k".out 2>/dev/null || true)
  echo "  task $k: ${info}| ${shard_note#riskscope: } | ${stored:-?}"
done
echo "merge job $merge:"
sed 's/^/  /' "$work/out/logs/merge-$merge.out" 2>/dev/null || true
[ "$submit_status" -eq 0 ] || { cat "$work/submit.txt"; cat "$work"/out/logs/*.out 2>/dev/null | tail -n 40; fail "the Slurm jobs did not all succeed"; }

# The shards partition the list: each path in exactly one.
for k in $(seq 1 "$shards"); do
  "$exe" analyze --dry-run --force --files-from "$list" --shard "$k/$shards" 2>/dev/null
done | sort >"$work/sharded.list"
sort "$list" | cmp -s - "$work/sharded.list" || fail "the shards do not partition the list"
sort -u "$work/sharded.list" | cmp -s - "$work/sharded.list" || fail "a path is in two shards"

# --------------------------------------------------------- one process
run_waiting "$exe" analyze --quiet --db "$work/one.db" --files-from "$list" || true
echo "equality check (export --format json, ids and analyzed_at aside):"
"$root/tools/export_content.py" "$exe" "$work/out/merged.db" --counts \
  >"$work/merged.json" 2>"$work/merged.count"
"$root/tools/export_content.py" "$exe" "$work/one.db" --counts \
  >"$work/one.json" 2>"$work/one.count"
echo "  merged shards: $(cat "$work/merged.count")"
echo "  one process:   $(cat "$work/one.count")"
if ! cmp -s "$work/merged.json" "$work/one.json"; then
  diff "$work/one.json" "$work/merged.json" | head -n 40
  fail "the merged database's export differs from one process's"
fi
[ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/one.json")" -gt 0 ] ||
  fail "nothing was stored at all"
echo "  equal: yes"
echo "PASS: $total files, $shards shards on Slurm, merged = one process"
