-- wrk script for scripts/load.sh: a mixed workload of valid and invalid API keys, JWTs and opaque
-- tokens. Each line of $LOAD_CASES is "expected<TAB>method<TAB>path<TAB>header<TAB>value" (header
-- "-" for none; "@randomkey" in a value stands for a fresh random, well-formed API key per
-- request). Run with
-- as many connections as threads (-t N -c N): each thread then has one connection and no
-- pipelining, so every response belongs to the request that thread sent last, and its status is
-- compared with that case's expected status.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  cases = {}
  for line in io.lines(os.getenv("LOAD_CASES")) do
    local expected, method, path, header, value =
      line:match("^(%d+)\t(%u+)\t([^\t]+)\t([^\t]+)\t(.*)$")
    if expected then
      table.insert(cases, {
        expected = tonumber(expected), method = method, path = path,
        header = header, value = value })
    end
  end
  math.randomseed(os.time() * 1000 + id)
  index = id
  current = nil
  responses = 0
  mismatches = 0
  errors5xx = 0
  shown = 0
end

local hex = "0123456789abcdef"
local b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

local function random_from(alphabet, n)
  local out = {}
  for i = 1, n do
    local k = math.random(1, #alphabet)
    out[i] = alphabet:sub(k, k)
  end
  return table.concat(out)
end

function request()
  index = index % #cases + 1
  current = cases[index]
  local headers = {}
  if current.header ~= "-" then
    local value = current.value:gsub("@randomkey", function()
      return "pc_" .. random_from(hex, 16) .. "_" .. random_from(b64, 43)
    end)
    headers[current.header] = value
  end
  return wrk.format(current.method, current.path, headers, nil)
end

function response(status, headers, body)
  responses = responses + 1
  if status >= 500 then
    errors5xx = errors5xx + 1
  end
  if status ~= current.expected then
    mismatches = mismatches + 1
    if shown < 5 then
      shown = shown + 1
      io.stderr:write(string.format("MISMATCH %s %s [%s]: expected %d, got %d\n",
        current.method, current.path, current.header, current.expected, status))
    end
  end
end

function done(summary, latency, requests)
  local total, wrong, fives = 0, 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("responses")
    wrong = wrong + thread:get("mismatches")
    fives = fives + thread:get("errors5xx")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT responses=%d checked=%d wrong_decisions=%d status_5xx=%d socket_errors=%d"
      .. " timeouts=%d requests_per_second=%.0f latency_p50_ms=%.2f latency_p99_ms=%.2f\n",
    summary.requests, total, wrong, fives,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
