-- S4: articles by slug, picked at random from slugs the bench tool sampled across the whole table.
dofile(os.getenv("BENCH_WRK") .. "/report.lua")
local slugs = dofile(os.getenv("BENCH_SLUGS"))

init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  return wrk.format("GET", "/api/v1/articles/" .. slugs[math.random(#slugs)])
end
