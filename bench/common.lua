-- common.lua — shared by the wrk scripts of bench/: the bearer token, and a
-- done() that prints one RESULT line (and appends it to $BENCH_OUT) with
-- the request rate, latency percentiles and the responses by status.
local M = {}

wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("BENCH_TOKEN"), "BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"

local threads = {}

-- Each thread counts its responses by status; done() adds them up.
function M.install(name, ok_status)
	statuses = {}
	function setup(thread)
		thread:set("id", #threads + 1)
		threads[#threads + 1] = thread
	end
	function response(status, headers, body)
		statuses[status] = (statuses[status] or 0) + 1
	end
	function done(summary, latency, requests)
		local by, ok, other = {}, 0, 0
		for _, t in ipairs(threads) do
			for s, n in pairs(t:get("statuses")) do
				by[s] = (by[s] or 0) + n
			end
		end
		local codes = {}
		for s, n in pairs(by) do
			codes[#codes + 1] = s .. ":" .. n
			if s == ok_status then ok = ok + n else other = other + n end
		end
		table.sort(codes)
		local secs = summary.duration / 1e6
		local e = summary.errors
		local line = string.format(
			"RESULT %s requests=%d seconds=%.2f rps=%.1f ok=%d other=%d other_share=%.4f " ..
			"p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f socket_errors=%d statuses=%s",
			name, summary.requests, secs, summary.requests / secs, ok, other,
			summary.requests > 0 and other / summary.requests or 0,
			latency:percentile(50) / 1000, latency:percentile(90) / 1000,
			latency:percentile(99) / 1000, latency.max / 1000,
			e.connect + e.read + e.write + e.timeout, table.concat(codes, ","))
		print(line)
		local out = os.getenv("BENCH_OUT")
		if out then
			local f = io.open(out, "a")
			f:write(line, "\n")
			f:close()
		end
	end
end

return M
