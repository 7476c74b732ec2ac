-- The soak's mixed load: lists, a project's page (over every project), the five dashboard
-- groups unfiltered and filtered, and a weekly update, in turn. Same environment as weekly.lua.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_LUA_DIR") .. "/slots.lua")

local threads, next_id = {}, 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

counter, writes = 0, 0

local reads = {
  "/api/v1/projects?page=1&per_page=20",
  "/api/v1/projects?page=2&per_page=20&sector=transport&status=delayed",
  "/api/v1/dashboard/overview",
  "/api/v1/dashboard/progress?sector=transport",
  "/api/v1/dashboard/disbursement",
  "/api/v1/dashboard/difficulties?status=delayed",
  "/api/v1/dashboard/direction",
}

function init(args)
  slots_init()
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local k = counter % (#reads + 2)
  counter = counter + 1
  if k < #reads then
    return wrk.format("GET", reads[k + 1])
  elseif k == #reads then
    return wrk.format("GET", "/api/v1/projects/" .. (first_id + (counter * 7919) % span))
  end
  local project, day = slot(writes * nthreads + tid)
  writes = writes + 1
  return wrk.format("POST", "/api/v1/projects/" .. project .. "/weekly-update", nil, weekly_body(day))
end

function statuses_report()
  local w = 0
  for _, t in ipairs(threads) do w = w + (t:get("writes") or 0) end
  io.write("BENCH_WRITES " .. w .. "\n")
end
