-- Weekly-update slots shared by weekly.lua and mixed.lua. Slot g is project
-- first_id + g mod N on the date `offset(round)` days before today, round = BENCH_ROUND + g div N.
-- Synthetic reports fall every 7 days back from today, so multiples of 7 are skipped; a
-- correction reason lets a report sit below the one before it.

local function days_from_civil(y, m, d)
  -- Howard Hinnant's algorithm: days since 1970-01-01 (os.time depends on the local zone).
  if m <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = math.floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

local function civil_from_days(z)
  z = z + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return string.format("%04d-%02d-%02d", y, m, d)
end

function slots_init()
  first_id = tonumber(os.getenv("BENCH_FIRST_ID"))
  span = tonumber(os.getenv("BENCH_LAST_ID")) - first_id + 1
  base_round = tonumber(os.getenv("BENCH_ROUND"))
  local y, m, d = os.getenv("BENCH_TODAY"):match("(%d+)-(%d+)-(%d+)")
  today = days_from_civil(tonumber(y), tonumber(m), tonumber(d))
end

function slot(g)
  local round = base_round + math.floor(g / span)
  -- The round-th positive whole number that is not a multiple of 7.
  local back = round + math.floor(round / 6) + 1
  return first_id + g % span, civil_from_days(today - back)
end

function weekly_body(day)
  return '{"report":{"as_of":"' .. day .. '","actual_percent":"50","output_value":"1000000",' ..
    '"work_done":"bench","correction_reason":"benchmark"}}'
end
