#!/usr/bin/env bash
# Compares the two ways PostgreSQL can answer `has:` (docs/DECISIONS.md): the GIN index over
# to_tsvector('trove_words', text) that trove's schema creates, and a pg_trgm GIN index queried with a
# case-insensitive whole-word regular expression. For each, on one store's message_text: the index's
# build time and size, and for each phrase the matching texts and the median of 5 timed queries.
#
#   bench/postgres-search.sh URL SCHEMA
#
# It adds the extension pg_trgm (to SCHEMA when the database has none) and the index message_text_trgm to
# SCHEMA, and drops the index after.
set -euo pipefail
url=$1
schema=$2
phrases=("error" "select" "not found" "the answer" "ls" "webshop")

sql() { psql "$url" -X -At -v ON_ERROR_STOP=1 -c "SET search_path = \"$schema\"; $1" | tail -n 1; }

# The median of 5 runs of a statement, in ms (EXPLAIN ANALYZE's execution time, no output transfer).
median() {
    local times=()
    for _ in 1 2 3 4 5; do
        times+=("$(psql "$url" -X -At -v ON_ERROR_STOP=1 \
            -c "SET search_path = \"$schema\"; EXPLAIN (ANALYZE, FORMAT JSON) $1" |
            python3 -c 'import json,sys; print(json.loads(sys.stdin.read().split("\n",1)[1])[0]["Execution Time"])')")
    done
    printf '%s\n' "${times[@]}" | sort -g | sed -n 3p
}

texts=$(sql "SELECT count(*) || ' texts, ' || pg_size_pretty(sum(octet_length(text))::bigint) FROM message_text")
echo "schema $schema: $texts"
echo "tsvector index: $(sql "SELECT pg_size_pretty(pg_relation_size('message_text_words'))")"
sql "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA \"$schema\"" >/dev/null
# The extension lives in one schema per database: the first that asked for it.
extension=$(sql "SELECT extnamespace::regnamespace FROM pg_extension WHERE extname = 'pg_trgm'")
start=$(date +%s.%N)
sql "CREATE INDEX message_text_trgm ON message_text USING gin (text $extension.gin_trgm_ops)" >/dev/null
end=$(date +%s.%N)
echo "pg_trgm index: $(sql "SELECT pg_size_pretty(pg_relation_size('message_text_trgm'))"), built in $(python3 -c "print(round($end - $start, 1))") s"
sql "ANALYZE message_text" >/dev/null
echo
echo "| phrase | texts (tsvector) | tsvector p50 | texts (pg_trgm) | pg_trgm p50 |"
echo "|---|---|---|---|---|"
for phrase in "${phrases[@]}"; do
    words=$(printf '%s' "$phrase" | sed 's/ /[^[:alnum:]]+/g')
    tsvector="SELECT count(*) FROM message_text WHERE to_tsvector('trove_words', text) @@ phraseto_tsquery('trove_words', '$phrase')"
    trigram="SELECT count(*) FROM message_text WHERE text ~* '\\m$words\\M'"
    echo "| $phrase | $(sql "$tsvector") | $(median "$tsvector") ms | $(sql "$trigram") | $(median "$trigram") ms |"
done
sql "DROP INDEX message_text_trgm" >/dev/null
