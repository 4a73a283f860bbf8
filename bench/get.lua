-- get.lua — GET $BENCH_PATH over every connection; reports as $BENCH_NAME.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

wrk.method = "GET"
wrk.path = assert(os.getenv("BENCH_PATH"), "BENCH_PATH")
common.install(os.getenv("BENCH_NAME") or "get", 200)
