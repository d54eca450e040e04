-- wrk script for bench/writes_bench.py: requests the addresses listed in the
-- file named by WRITES_BENCH_URLS, each thread from its own place in the list,
-- and prints one line of JSON with the latencies readers got.
local urls = {}
for line in io.lines(os.getenv("WRITES_BENCH_URLS")) do urls[#urls + 1] = line end
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  position = math.random(#urls)
  failed = 0
end

function request()
  position = position % #urls + 1
  return wrk.format("GET", urls[position])
end

function response(status, headers, body)
  if status >= 500 then failed = failed + 1 end
end

-- wrk keeps a histogram, not the requests: how many took longer than
-- `limit` comes from the percentile where the latency crosses it.
local function slower_than(latency, total, limit)
  if latency.max <= limit then return 0 end
  local low, high = 0.0, 100.0
  for _ = 1, 40 do
    local middle = (low + high) / 2
    if latency:percentile(middle) > limit then high = middle else low = middle end
  end
  return math.floor(total * (100 - high) / 100 + 0.5)
end

function done(summary, latency, requests)
  local failures = 0
  for _, thread in ipairs(threads) do failures = failures + thread:get("failed") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "server_errors": %d, "socket_errors": %d, "p50_ms": %.0f, ' ..
    '"p99_ms": %.0f, "max_ms": %.0f, "over_1s": %d, "over_2s": %d}\n',
    summary.requests, failures, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    slower_than(latency, summary.requests, 1000000),
    slower_than(latency, summary.requests, 2000000)))
end
