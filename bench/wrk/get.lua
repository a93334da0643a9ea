-- A plain GET of the URL given on the command line (and any -H headers).
dofile(os.getenv("BENCH_WRK") .. "/report.lua")
