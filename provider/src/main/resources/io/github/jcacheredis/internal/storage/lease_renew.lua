-- Renews (or shortens) a load lease, but only while this caller still holds it: a lease that expired and was
-- taken by another JVM must not be extended by its former holder.
--
-- KEYS[1]  the lease
-- ARGV[1]  the holder's token
-- ARGV[2]  the new time to live, in milliseconds
--
-- Returns 1 if the lease was ours and renewed, 0 otherwise
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
