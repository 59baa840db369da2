#!/bin/bash
# submit.sh - analyse a list of filings on a Slurm cluster: a job array of
# N shards, then a merge job that waits for all of them
#
#   contrib/slurm/submit.sh [--shards N] [--null] [--wait] LIST OUTDIR [-- SBATCH_OPTION...]
#
# LIST holds one path a line (--null: NUL-separated, as find -print0
# writes); OUTDIR receives shard-K.db, shard-K.failed, logs/ and merged.db.
# SBATCH_OPTIONs (--partition=..., --account=..., --time=...) go to both
# sbatch calls. --wait returns when the merge job has ended, with its exit
# status (the merge job is cancelled when a task of the array fails).
# RISKSCOPE names the executable (default: riskscope on PATH, as the jobs
# see it) and RSK_ANALYZE_ARGS adds analyze options; both are passed on.
#
# Prints the two job ids, then, with --wait, the merge job's log.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
shards=8
null=0
wait=
usage() {
  sed -n '5p' "$0" | sed 's/^# *//' >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case $1 in
    --shards) [ $# -ge 2 ] || usage; shards=$2; shift 2 ;;
    --null|-0) null=1; shift ;;
    --wait) wait=--wait; shift ;;
    -h|--help) usage ;;
    --) break ;;
    -*) echo "submit.sh: unknown option $1" >&2; usage ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || usage
list=$(realpath "$1")
out=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2
[ "${1:-}" != -- ] || shift
case $shards in ''|*[!0-9]*|0) echo "submit.sh: --shards wants a positive number" >&2; exit 2 ;; esac
[ -r "$list" ] || { echo "submit.sh: $list: cannot read the list" >&2; exit 1; }
mkdir -p "$out/logs"

env="ALL,RSK_LIST=$list,RSK_OUT=$out,RSK_NULL=$null,RSK_SHARDS=$shards"
array=$(sbatch --parsable --array="1-$shards" --export="$env" \
  --output="$out/logs/analyze-%A_%a.out" "$@" "$here/analyze.sbatch")
array=${array%%;*}
merge_args=(--dependency="afterok:$array" --kill-on-invalid-dep=yes
  --export="$env" --output="$out/logs/merge-%j.out")
if [ -z "$wait" ]; then
  merge=$(sbatch --parsable "${merge_args[@]}" "$@" "$here/merge.sbatch")
  echo "submit.sh: job array $array ($shards tasks, logs in $out/logs)," \
    "merge job ${merge%%;*} -> $out/merged.db"
  exit 0
fi

# --wait: sbatch itself waits for the merge job and exits with its status;
# a failed task of the array cancels the merge job (--kill-on-invalid-dep).
echo "submit.sh: job array $array ($shards tasks, logs in $out/logs)"
status=0
sbatch --wait "${merge_args[@]}" "$@" "$here/merge.sbatch" | tee "$out/logs/submit.out" ||
  status=$?
merge=$(sed -n 's/^Submitted batch job \([0-9]*\).*/\1/p' "$out/logs/submit.out")
cat "$out/logs/merge-$merge.out" 2>/dev/null || true
[ "$status" -eq 0 ] || echo "submit.sh: merge job $merge failed or was cancelled" \
  "(exit status $status); see $out/logs" >&2
exit "$status"
