# Daily rollup rows of 2025 in line protocol, one per meter and local day (Asia/Shanghai), as the rollup job would
# write them (docs/ROLLUPS.md): every register the meter has, readings=96 (complete 15-minute data), no gap.
# Input: TSV lines "meter  institution-index  type  role  institution  region". Variables: store=questdb|influxdb
# (InfluxDB rows carry the registry tags, as the job writes them), days (365).
BEGIN { FS = "\t"; start = 1735660800 }  # 2025-01-01T00:00:00+08:00, epoch seconds
{
  n++
  i = $2
  main = 100 + (i % 37) * 10
  if ($3 == "electricity" && $4 == "main") f = "energyKwh=" main ".0,exportKwh=0.0"
  else if ($3 == "electricity") f = "energyKwh=" (main / 2) ",exportKwh=0.0"
  else if ($3 == "water") f = "volumeM3=" (2 + i % 5) ".0"
  else if ($3 == "gas") f = "volumeM3=" (5 + i % 7) ".0"
  else if ($3 == "pv") f = "energyKwh=" (20 + i % 11) ".0"
  tags = ",meter=" $1
  if (store == "influxdb") {
    tags = tags ",institution=" $5 ",region=" $6 ",type=" $3
    if ($4 != "") tags = tags ",role=" $4
    if ($4 == "sub") tags = tags ",subitem=01B00"
  }
  line[n] = "energy_daily" tags " " f ",readings=96i,estimated=false,computedAt=1767225600000i "
}
END {
  for (d = 0; d < days; d++) {
    ts = (start + d * 86400) "000000000"
    for (k = 1; k <= n; k++) print line[k] ts
  }
}
