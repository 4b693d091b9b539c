#!/usr/bin/env bash
# The main job on the bundled demo data (fixtures/dialects: all six AgentInstruct tasks, ReAct and chat):
# import into a fresh store, show the per-task stats and one trajectory as steps, label, export, mix,
# then open the review UI on it (when run from a terminal).
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/opt/swift/usr/bin"
bash scripts/install-deps.sh

swift build -q --product trove
trove=".build/debug/trove"
work=$(mktemp -d)
store="$work/demo.sqlite"
trap 'rm -rf "$work"' EXIT

echo "== trove import (all six tasks; records carry no reward, so --reward 1 as AgentInstruct's passed the filter)"
"$trove" import --store "$store" --reward 1 fixtures/dialects/*.json

echo
echo "== trove stats"
"$trove" stats --store "$store"

echo
echo "== trove show os_f1 (thought / action / observation per step)"
"$trove" show --store "$store" os_f1

echo
echo "== trove label: reject what leaks its label, accept the rest of db"
"$trove" label --store "$store" --where 'flag:label-leak' --reject --tag leaked-label --reviewer demo
"$trove" label --store "$store" --where 'task:db status:pending' --accept --reviewer demo

echo
echo "== trove export --policy agenttuning --format sharegpt (dry run, then for real)"
"$trove" export --store "$store" --policy agenttuning --dry-run
"$trove" export --store "$store" --policy agenttuning --format sharegpt --out "$work/agent.jsonl"

echo
echo "== trove mix --eta 0.2 --total 50 with the bundled ShareGPT sample"
"$trove" mix --store "$store" --general fixtures/general/sharegpt-small.json --eta 0.2 --total 50 --seed 1 \
    --format sharegpt --out "$work/mix.jsonl"
head -c 300 "$work/mix.jsonl"; echo " …"

echo
if [ -t 0 ] && [ -t 1 ]; then
    echo "== trove review: j/k move, Enter opens, a accepts, x rejects, ? shows every key, q quits"
    sleep 1
    "$trove" review --store "$store" --reviewer demo
else
    echo "== trove review needs a terminal: run it yourself with"
    echo "   .build/debug/trove review fixtures/dialects/os.json"
fi
