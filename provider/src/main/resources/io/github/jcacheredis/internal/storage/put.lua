-- Writes one entry when the lifetime to give it depends on whether it already exists, which no single native
-- command can express (for example: a new entry expires in N ms, an updated one keeps its remaining TTL).
--
-- KEYS[1]  the entry
-- ARGV[1]  the encoded value
-- ARGV[2]  TTL if the entry is new, ARGV[3] TTL if it exists. A TTL is milliseconds (> 0), 'P' (no expiry),
--          'K' (keep the current TTL) or 'X' (expired at once: the entry is deleted, not written)
-- ARGV[4]  'A' write always, 'N' only if absent, 'E' only if it exists
-- ARGV[5]  '1' to return the previous value, '0' to return only whether there was one
--
-- Returns {1 if written (not expired on arrival) else 0, previous value | 1 if there was one | 0}
-- A key of another Redis type (a hash, a list...) reads as '': bytes no value format accepts, so the entry is
-- corrupt, present but unreadable, and overwritten like any corrupt value. (redis.call would fail the script.)
local previous = redis.pcall('GET', KEYS[1])
if type(previous) == 'table' and previous.err then
  previous = ''
end
local condition = ARGV[4]
local function answer(written)
  if ARGV[5] == '1' then
    return {written, previous or 0}
  end
  return {written, previous and 1 or 0}
end
if (condition == 'N' and previous) or (condition == 'E' and not previous) then
  return answer(0)
end
local ttl = previous and ARGV[3] or ARGV[2]
if ttl == 'X' then
  -- expired on arrival: nothing is written, and what was there has expired
  redis.call('DEL', KEYS[1])
  return answer(0)
elseif ttl == 'P' then
  redis.call('SET', KEYS[1], ARGV[1])
elseif ttl == 'K' then
  redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
else
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
end
return answer(1)
