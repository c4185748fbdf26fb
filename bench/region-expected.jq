# The province's 2025 totals that bench/region-summary.sh expects, from the formulas of region-registry.jq (every
# meter's daily rows hold the same amount on every day of the year). Usage: jq -n --argjson n N -f ...
def mainKwh($i): 100 + ($i % 37) * 10;
def waterM3($i): 2 + ($i % 5);
def gasM3($i): 5 + ($i % 7);
def pvKwh($i): 20 + ($i % 11);
{institutions: $n,
 gridImportKwh: ([range($n) as $i | 365 * mainKwh($i)] | add),
 pvGenerationKwh: ([range($n) as $i | select($i % 5 == 0) | 365 * pvKwh($i)] | add),
 gasM3: ([range($n) as $i | select($i % 3 == 0) | 365 * gasM3($i)] | add),
 waterM3: ([range($n) as $i | 365 * waterM3($i)] | add)}
