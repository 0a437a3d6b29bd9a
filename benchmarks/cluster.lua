-- wrk script of benchmarks/cluster.sh: wrk threads alternate between the two nodes (odd threads on
-- NODE0_PORT, even ones on NODE1_PORT, both on 127.0.0.1), and every thread sends GET PATH with the
-- API keys of the file KEYS (one key a line) in turn, so each node sees every key. wrk counts every
-- answer that is not 2xx/3xx and every socket error; done() prints them as "non2xx=N errors=N".
local node_ports = { os.getenv("NODE0_PORT"), os.getenv("NODE1_PORT") }
local path = os.getenv("PATH_UNDER_TEST") or "/api/me"
local key_file = os.getenv("KEYS")
local count = 0

function setup(thread)
  count = count + 1
  local port = node_ports[(count - 1) % 2 + 1]
  thread.addr = wrk.lookup("127.0.0.1", port)[1]
end

local prepared = {}
local next_request = 0

function init(args)
  for key in io.lines(key_file) do
    prepared[#prepared + 1] = wrk.format("GET", path, { ["X-API-Key"] = key })
  end
end

function request()
  next_request = next_request % #prepared + 1
  return prepared[next_request]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("non2xx=%d errors=%d\n", e.status, e.connect + e.read + e.write + e.timeout))
end
