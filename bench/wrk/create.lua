-- POST /agent_ingresses with a unique domain per request: b<counter>-<thread>-<random>.bench-test.com
-- Each wrk thread works in an account of its own (token BENCH_TOKEN-<thread>). With BENCH_RESET_EVERY > 0 every that
-- many requests of a thread is instead a reset of its account (POST /_emulator/reset, also a 2xx), so a run keeps at
-- most that many rows per thread in the in-memory database, whatever the machine's speed and the run's length.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
local counter = 0
local reset_every = tonumber(os.getenv("BENCH_RESET_EVERY") or "0")
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + tonumber(os.getenv("BENCH_NONCE") or "0"))
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "bench") .. "-" .. (tid or 0)
  wrk.headers["Ngrok-Version"] = "2"
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  counter = counter + 1
  if reset_every > 0 and counter % reset_every == 0 then
    return wrk.format("POST", "/_emulator/reset")
  end
  local body = string.format('{"domain":"b%d-%d-%d%d.bench-test.com"}', counter, tid or 0,
    math.random(0, 999999999), math.random(0, 999999999))
  return wrk.format("POST", "/agent_ingresses", nil, body)
end
