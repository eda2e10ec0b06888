-- Mixed load: 70% GET by id, 20% list of 100, 10% create (unique domains). BENCH_ID names an existing ingress.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
local counter = 0
local id = os.getenv("BENCH_ID") or "agin_000000000000000000000000000"
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + tonumber(os.getenv("BENCH_NONCE") or "0"))
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "bench")
  wrk.headers["Ngrok-Version"] = "2"
end
function request()
  local r = math.random()
  if r < 0.7 then
    return wrk.format("GET", "/agent_ingresses/" .. id)
  elseif r < 0.9 then
    return wrk.format("GET", "/agent_ingresses?limit=100")
  end
  counter = counter + 1
  local body = string.format('{"domain":"m%d-%d-%d%d.bench-test.com"}', counter, tid or 0,
    math.random(0, 999999999), math.random(0, 999999999))
  -- wrk.format replaces wrk.headers when given a table, so pass all of them
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/agent_ingresses", headers, body)
end
