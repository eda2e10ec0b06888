-- POST /agent_ingresses with a unique domain per request: b<counter>-<thread>-<random>.bench-test.com
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
local counter = 0
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + tonumber(os.getenv("BENCH_NONCE") or "0"))
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "bench")
  wrk.headers["Ngrok-Version"] = "2"
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  counter = counter + 1
  local body = string.format('{"domain":"b%d-%d-%d%d.bench-test.com"}', counter, tid or 0,
    math.random(0, 999999999), math.random(0, 999999999))
  return wrk.format("POST", "/agent_ingresses", nil, body)
end
