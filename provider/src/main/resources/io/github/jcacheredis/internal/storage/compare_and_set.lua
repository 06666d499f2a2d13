-- Compare-and-set on one entry: the write happens only if the entry still holds exactly the bytes the caller
-- read (or is still absent). This is what makes replace(k, old, new), remove(k, v) and invoke atomic across
-- every JVM sharing the Redis, without a lock held across the round trip.
--
-- KEYS[1]  the entry
-- ARGV[1]  the SHA-1 (hex) of the expected current bytes; '' means "expected absent". A hash rather than the
--          bytes themselves, so a compare-and-set of a large value does not send it twice.
-- ARGV[2]  action on match: 'S' set ARGV[3], 'D' delete, 'T' only apply the TTL
-- ARGV[3]  the new encoded value (for 'S')
-- ARGV[4]  the TTL for the action: milliseconds, 'P' (no expiry), 'K' (keep), 'X' (expired at once: delete)
-- ARGV[5]  the TTL to apply when the entry exists but does not match (an access), 'K' to leave it
--
-- Returns {1} on a match, {0, current bytes | 0} otherwise
-- A key of another Redis type (a hash, a list...) reads as '': bytes no value format accepts, so it matches only
-- a caller who read it as such (the SHA-1 of ''), who may then overwrite or delete it. (redis.call would fail.)
local current = redis.pcall('GET', KEYS[1])
if type(current) == 'table' and current.err then
  current = ''
end
local expected = ARGV[1]
local matches
if expected == '' then
  matches = not current
else
  matches = current ~= false and redis.sha1hex(current) == expected
end

local function apply_ttl(ttl)
  if ttl == 'X' then
    redis.call('DEL', KEYS[1])
  elseif ttl == 'P' then
    redis.call('PERSIST', KEYS[1])
  elseif ttl ~= 'K' then
    redis.call('PEXPIRE', KEYS[1], ttl)
  end
end

if not matches then
  if current then
    apply_ttl(ARGV[5])
  end
  return {0, current or 0}
end

local action = ARGV[2]
local ttl = ARGV[4]
if action == 'D' then
  redis.call('DEL', KEYS[1])
elseif action == 'T' then
  apply_ttl(ttl)
elseif ttl == 'X' then
  redis.call('DEL', KEYS[1])
elseif ttl == 'P' then
  redis.call('SET', KEYS[1], ARGV[3])
elseif ttl == 'K' then
  redis.call('SET', KEYS[1], ARGV[3], 'KEEPTTL')
else
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ttl)
end
return {1}
