-- wrk script for the pixel benchmark: round-robins GET requests over the paths listed one per
-- line in the file named after `--`, and reports figures on one machine-readable line.
-- Usage: wrk -t2 -c16 -d8s -s pixel.lua http://127.0.0.1:PORT -- paths.txt

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(assert(args[1], "pixel.lua: give the paths file after --"), "r"))
  requests = {}
  for line in file:lines() do
    if #line > 0 then
      -- Formatted once here, so the client costs the same for both servers on every request.
      requests[#requests + 1] = wrk.format("GET", line)
    end
  end
  file:close()
  assert(#requests > 0, "pixel.lua: no paths in " .. args[1])
  -- Threads start apart so that they do not walk the list in step.
  next_index = (id * math.floor(#requests / 2)) % #requests
  written = 0
end

function request()
  next_index = next_index % #requests + 1
  -- Requests written, answered or not: with the answered count it bounds what reached the server.
  written = written + 1
  return requests[next_index]
end

function done(summary, latency, _)
  local total_written = 0
  for _, thread in ipairs(threads) do
    total_written = total_written + thread:get("written")
  end
  local e = summary.errors
  io.write(string.format(
    "glint-wrk requests=%d duration_us=%d bytes=%d status_errors=%d connect_errors=%d read_errors=%d"
      .. " write_errors=%d timeouts=%d written=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write, e.timeout,
    total_written, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
