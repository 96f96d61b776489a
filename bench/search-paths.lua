-- Requests the paths of a file in order, one after another on each connection (wrk -c1: one at a
-- time), starting over if the run outlasts the list; prints the count and p50/p90/p99 in ms.
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i - 1) % #paths + 1])
end
function response(status, headers, body)
  if status ~= 200 then
    io.write("status " .. status .. "\n")
  end
end
function done(summary, latency, requests)
  io.write(string.format("requests %d errors %d\n", summary.requests,
    summary.errors.connect + summary.errors.status + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
