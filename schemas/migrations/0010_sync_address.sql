-- The address this store last synced with each server under (the server's
-- own id stays the key): where the window says how syncing goes, it counts
-- what is waiting against the server set now, not the last one synced
-- before the address was changed. Rows from before this version have none
-- until their next sync.
ALTER TABLE server_sync ADD COLUMN address TEXT;
