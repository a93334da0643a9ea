-- S7: editors creating articles (201). Titles are unique per run, thread and request, so slugs never collide.
dofile(os.getenv("BENCH_WRK") .. "/report.lua")

local run = os.getenv("BENCH_RUN_ID")
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = os.getenv("BENCH_EDITOR_KEY")

local paragraph = "The council met on Tuesday to discuss the new transport plan for the district. "
  .. "Residents asked for safer bicycle lanes, more frequent buses and a later service at weekends. "
  .. "The mayor said the budget would be published next month after a public consultation."
local body = "## Council transport plan\\n\\n" .. string.rep(paragraph .. "\\n\\n", 7)
local counter = 0

request = function()
  counter = counter + 1
  local json = string.format('{"title":"Bench s7 %s %d %d","body":"%s","categoryId":%d}',
    run, tid or 0, counter, body, 1 + counter % 200)
  return wrk.format(nil, nil, nil, json)
end
