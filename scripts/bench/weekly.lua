-- POST /projects/{id}/weekly-update with a distinct (project, date) slot per request: the
-- server keeps one report per project and day, and rotating over every project keeps the
-- submissions off one row lock. Environment (set by scripts/bench.sh):
--   BENCH_TOKEN, BENCH_FIRST_ID, BENCH_LAST_ID, BENCH_TODAY (YYYY-MM-DD),
--   BENCH_ROUND (first unused round: a round gives every project one new date).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_LUA_DIR") .. "/slots.lua")

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

-- Globals, so that the main state can read them with thread:get.
counter, statuses = 0, {}

function init(args)
  slots_init()
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  wrk.headers["Content-Type"] = "application/json"
  wrk.method = "POST"
end

function request()
  -- Threads take interleaved slot numbers, so no two requests share one.
  local g = counter * nthreads + tid
  counter = counter + 1
  local project, day = slot(g)
  return wrk.format(nil, "/api/v1/projects/" .. project .. "/weekly-update", nil, weekly_body(day))
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 300 and not first_error then
    first_error = string.sub(body or "", 1, 300)
  end
end

-- Main state: add up what every thread counted.
function statuses_report()
  local total, line = {}, "BENCH_STATUS"
  local sample
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses") or {}) do
      total[code] = (total[code] or 0) + n
    end
    sample = sample or t:get("first_error")
  end
  for code, n in pairs(total) do line = line .. " " .. code .. "=" .. n end
  io.write(line .. "\n")
  if sample then io.write("BENCH_FIRST_ERROR " .. sample:gsub("\n", " ") .. "\n") end
end
