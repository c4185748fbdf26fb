# The bench registry of bench/region-summary.sh: one province, 13 cities of 8 counties each (104 counties), and $n
# institutions (10 at the province, every 100th at a city, the rest spread over the counties) with 2.8 meters each
# on average: a main electricity meter and a water meter each, gas at every 3rd, PV at every 5th and an HVAC
# sub-meter at every 4th. Usage: jq -n --argjson n 10000 -f region-registry.jq
def pad2: tostring | if length < 2 then "0" + . else . end;
def city($c): "32" + (($c + 1) | pad2) + "00";
def county($k): "32" + ((($k / 8 | floor) + 1) | pad2) + (($k % 8 + 1) | pad2);
def region($i):
  if $i < 10 then "320000"
  elif $i % 100 == 0 then city(($i / 100 | floor) % 13)
  else county($i % 104) end;
# Daily amounts, the same in every day of the year (the awk row writer uses the same formulas).
def mainKwh($i): 100 + ($i % 37) * 10;
def waterM3($i): 2 + ($i % 5);
def gasM3($i): 5 + ($i % 7);
def pvKwh($i): 20 + ($i % 11);
# The expected figures of the year, which the benchmark checks the summary against.
def kgce($i): 365 * (mainKwh($i) * 0.1229 + (if $i % 3 == 0 then gasM3($i) * 1.2143 else 0 end));
def occupants($i): if $i % 17 == 0 then null else 20 + ($i % 200) end;
{
  regions: ([{code: "320000", name: "江苏省", level: "province"}]
    + [range(13) as $c | {code: city($c), name: "城市\($c + 1)", level: "city", parent: "320000"}]
    + [range(104) as $k | {code: county($k), name: "区县\($k + 1)", level: "county",
        parent: city($k / 8 | floor)}]),
  institutions: [range($n) as $i | {id: "b\($i)", name: "单位\($i)", region: region($i), category: "government",
      floorAreaM2: (1000 + ($i % 50) * 100), occupants: occupants($i)} | with_entries(select(.value != null))],
  meters: [range($n) as $i |
      {id: "bm\($i)", institution: "b\($i)", type: "electricity", role: "main", secret: "x"},
      {id: "bw\($i)", institution: "b\($i)", type: "water", secret: "x"},
      (if $i % 3 == 0 then {id: "bg\($i)", institution: "b\($i)", type: "gas", secret: "x"} else empty end),
      (if $i % 5 == 0 then {id: "bp\($i)", institution: "b\($i)", type: "pv", capacityKwp: 30, secret: "x"}
       else empty end),
      (if $i % 4 == 0 then {id: "bs\($i)", institution: "b\($i)", type: "electricity", role: "sub",
        subitem: "01B00", secret: "x"} else empty end)],
  vehicles: [range($n) as $i | select($i % 3 == 0) |
      {id: "V\($i)N", institution: "b\($i)", energy: "nev", acquired: "2025-03-01"},
      {id: "V\($i)I", institution: "b\($i)", energy: "ice", acquired: "2025-06-01"}],
  # Quotas for 9 in 10 institutions, at 0.8, 1.02, 1.08 and 1.3 times the year's kgce: exceeded, warning,
  # warning and ok on 31 December; per capita too where the occupants are known.
  # The same quotas for 2026, so this year's summary projects from 2025 (seasonal) as well.
  quotas: [range($n) as $i | select($i % 10 != 9) |
      ([0.8, 1.02, 1.08, 1.3][$i % 4]) as $f | (2025, 2026) as $year |
      {institution: "b\($i)", year: $year, totalKgce: (kgce($i) * $f)}
      + (if occupants($i) == null then {} else {kgcePerCapita: (kgce($i) * $f / occupants($i) * 1.1)} end)]
}
