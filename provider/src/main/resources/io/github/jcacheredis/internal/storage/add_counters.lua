-- Adds one JVM's counts to a cache's cluster-wide statistics hash: every count or none, so that a failure can
-- be retried with all of them and nothing is added twice. A pipeline of HINCRBYs cannot promise that: when one
-- fails (a field that is not an integer), the others have already added their counts.
--
-- KEYS[1]  the hash
-- ARGV     field, delta, field, delta, ...
--
-- A field that holds no 64-bit integer (bytes someone else wrote), or that would overflow, restarts from its
-- delta: its old total is lost either way, and refusing it would stop every other field from counting.
--
-- Returns how many fields restarted. Fails, having written nothing, if the key holds something not a hash.
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'hash' and kind ~= 'none' then
  return redis.error_reply('WRONGTYPE the statistics key holds a ' .. kind .. ', not a hash')
end
local restarted = 0
for i = 1, #ARGV, 2 do
  local added = redis.pcall('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
  if type(added) == 'table' and added.err then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    restarted = restarted + 1
  end
end
return restarted
