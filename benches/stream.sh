#!/usr/bin/env bash
# `perfeval check` at scale (BENCHMARKS.md): N generated forms of the 2023 policy through
# `--jsonl` with `--format jsonl -o`, on one thread and on two. Prints each run's time,
# forms per second and peak resident memory (GNU time), the speed of two threads
# against one, and whether the two reports are the same bytes. Then `perfeval diff` of
# the same forms under 2023 and a policy change (`deduction-3pct`), `--format jsonl`:
# its time, peak memory and summary line. "cores busy" is CPU time
# over wall time: below 2 for `-j 2`, other programs had the other core.
#
#   benches/stream.sh [N] [DIR]      N: forms (100000), DIR: scratch folder (/tmp)
#   RUNS=3 benches/stream.sh         each run repeated, the fastest kept (a shared
#                                    machine is noisy); peak memory is the largest
#
# The forms file (about 2 KB a form) is kept in DIR for the next run; the reports
# (about 3.5 KB a form) are removed at the end. Needs GNU time (`apt-get install time`).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
dir=${2:-${TMPDIR:-/tmp}}
mkdir -p "$dir"
cargo build --release --quiet --bin perfeval --example gen_jsonl
bin=target/release
forms="$dir/perfeval-forms-$n.jsonl"
if [ ! -s "$forms" ]; then
  "$bin/examples/gen_jsonl" "$n" > "$forms.part"
  mv "$forms.part" "$forms"
fi
runs=${RUNS:-1}
declare -A wall
for jobs in 1 2; do
  out="$dir/perfeval-report-$n-j$jobs.jsonl"
  : > "$dir/perfeval-time-$jobs"
  for _ in $(seq "$runs"); do
    status=0
    /usr/bin/time -a -f "%e %U %S %M" -o "$dir/perfeval-time-$jobs" \
      "$bin/perfeval" check --rules 2023 --jsonl "$forms" --format jsonl -o "$out" -j "$jobs" ||
      status=$?
    # 0: no error finding, 1: some; anything else is a failed run.
    if [ "$status" -gt 1 ]; then
      echo "perfeval exited $status" >&2
      exit "$status"
    fi
  done
  # The fastest run's times; the largest peak memory of all.
  read -r elapsed user sys rss < <(sort -n "$dir/perfeval-time-$jobs" | head -n 1)
  rss=$(sort -n -k 4 "$dir/perfeval-time-$jobs" | tail -n 1 | cut -d ' ' -f 4)
  wall[$jobs]=$elapsed
  awk -v n="$n" -v j="$jobs" -v e="$elapsed" -v u="$user" -v s="$sys" -v m="$rss" -v r="$runs" 'BEGIN {
    printf "%d forms, -j %d: %.1f s (user %.1f s, sys %.1f s: %.2f cores busy; fastest of %d), %.0f forms/s, peak RSS %.1f MB\n",
      n, j, e, u, s, (u + s) / e, r, n / e, m / 1024 }'
done
awk -v a="${wall[1]}" -v b="${wall[2]}" 'BEGIN { printf "2 threads vs 1: %.2f (time ratio; lower is better)\n", b / a }'
if cmp -s "$dir/perfeval-report-$n-j1.jsonl" "$dir/perfeval-report-$n-j2.jsonl"; then
  echo "reports of -j 1 and -j 2: identical ($(wc -c < "$dir/perfeval-report-$n-j1.jsonl") bytes)"
else
  echo "reports of -j 1 and -j 2 differ" >&2
  exit 1
fi
tail -n 1 "$dir/perfeval-report-$n-j1.jsonl"
rm -f "$dir"/perfeval-report-"$n"-j[12].jsonl "$dir"/perfeval-time-[12]
diffed="$dir/perfeval-diff-$n.jsonl"
/usr/bin/time -f "%e %U %S %M" -o "$dir/perfeval-time-diff" \
  "$bin/perfeval" diff --rules 2023 --rules examples/policy-changes/deduction-3pct.rules \
  --jsonl "$forms" --format jsonl -o "$diffed"
read -r elapsed user sys rss < "$dir/perfeval-time-diff"
awk -v n="$n" -v e="$elapsed" -v u="$user" -v s="$sys" -v m="$rss" 'BEGIN {
  printf "diff of %d forms under 2023 and deduction-3pct: %.1f s (%.2f cores busy), %.0f forms/s, peak RSS %.1f MB\n",
    n, e, (u + s) / e, n / e, m / 1024 }'
tail -n 1 "$diffed" | cut -c 1-200
rm -f "$diffed" "$dir/perfeval-time-diff"
