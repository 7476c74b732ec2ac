-- Shared by every wrk run of scripts/bench.sh: one machine-readable line at the end, which
-- the script turns into a table row. Latencies in microseconds.
function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d secs=%.3f rps=%.1f p50=%d p99=%d non2xx=%d sockerr=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
  if statuses_report then statuses_report() end
end
