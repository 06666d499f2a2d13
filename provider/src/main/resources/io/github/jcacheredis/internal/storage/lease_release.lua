-- Releases a load lease, but only while this caller still holds it: after a lease expired and another JVM took
-- it, its former holder's release must not free the new holder's lease.
--
-- KEYS[1]  the lease
-- ARGV[1]  the holder's token
--
-- Returns 1 if the lease was ours and is released, 0 otherwise
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
